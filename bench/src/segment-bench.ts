import type { BenchKairos } from './kairos.ts'
import { quantile, round } from './stats.ts'

export interface SegmentFigures {
  /** Contacts seeded for this phase (the table also holds the earlier phases' contacts). */
  contacts: number
  events: number
  /** One preview = GET /api/segments/:id/preview?sample=10: a count query and a sample query. Over every timed preview. */
  previewMsP50: number
  previewMsP99: number
  /** Previews timed (segments × repeats). */
  count: number
  /** Per segment: how many contacts it holds, and its own preview times. */
  segments: Array<{ name: string; matches: number; msP50: number; msP99: number }>
  seedSeconds: number
}

/** Sizes: KAIROS_BENCH_SEGMENT_CONTACTS (default 100,000), events three per contact, 10 previews per segment. */
export function segmentBenchSizes(env: NodeJS.ProcessEnv = process.env): { contacts: number; events: number; repeats: number } {
  const raw = env.KAIROS_BENCH_SEGMENT_CONTACTS
  const contacts = raw ? Number(raw) : 100_000
  if (!Number.isInteger(contacts) || contacts < 100) throw new Error(`KAIROS_BENCH_SEGMENT_CONTACTS must be a whole number ≥ 100, got "${raw}"`)
  return { contacts, events: contacts * 3, repeats: 10 }
}

/** The three representative segments the issue names. */
export const BENCH_SEGMENTS = [
  {
    name: 'attribute + tag: premium VIPs',
    condition: { all: [{ attribute: 'tier', op: 'eq', value: 'premium' }, { tag: 'vip' }] },
  },
  {
    name: 'event count: viewed pricing 3+ times in 7 days',
    condition: { event: 'page_viewed', within: '7d', where: { path: '/pricing' }, count: { gte: 3 } },
  },
  {
    name: 'nested any/not: CN/JP not on the newsletter, or high scorers who did not order in 30 days',
    condition: {
      any: [
        { all: [{ attribute: 'country', op: 'in', value: ['CN', 'JP'] }, { not: { tag: 'newsletter' } }] },
        { all: [{ attribute: 'score', op: 'gte', value: 90 }, { not: { event: 'order_placed', within: '30d' } }] },
      ],
    },
  },
]

// Deterministic spread without random(): hashint4 of the row number, salted per column.
const pick = (salt: number, n: number) => `(abs(hashint4(g * ${salt} + ${salt})) % ${n})`

/**
 * Seeds `contacts` contacts (one INSERT … SELECT over generate_series, with
 * varied attributes, tags, numeric text and dates) and `events` events over
 * the last 30 days (busy contacts get more, as in life), then VACUUM ANALYZEs.
 */
async function seed(kairos: BenchKairos, contacts: number, events: number): Promise<void> {
  const [range] = await kairos.query<{ first: string; last: string }>(
    `with added as (
       insert into contacts (external_id, attributes, tags)
       select 'segment-' || g,
         jsonb_build_object(
           'name', 'Contact ' || g,
           'email', 'c' || g || '@example.com',
           'tier', (array['free', 'free', 'basic', 'premium', 'enterprise'])[1 + ${pick(3, 5)}],
           'score', ${pick(5, 101)},
           'country', (array['CN', 'US', 'DE', 'JP', 'BR', 'FR'])[1 + ${pick(7, 6)}],
           'signed_up_at', to_char(date '2023-01-01' + ${pick(11, 1000)}, 'YYYY-MM-DD'),
           'seats', (${pick(13, 60)})::text),
         array_remove(array[
           case when ${pick(17, 10)} = 0 then 'vip' end,
           case when ${pick(19, 3)} = 0 then 'newsletter' end,
           case when ${pick(23, 25)} = 0 then 'churn-risk' end], null)
       from generate_series(1, $1::int) g
       returning id)
     select min(id)::text as first, max(id)::text as last from added`,
    [contacts],
  )
  await kairos.query(
    `insert into events (contact_id, name, properties, occurred_at)
     select $1::bigint + floor(($2::bigint - $1::bigint + 1) * power(${pick(29, 1_000_000)} / 1e6, 2))::bigint,
       kind.name,
       case kind.name
         when 'page_viewed' then jsonb_build_object('path', (array['/pricing', '/home', '/docs', '/blog'])[1 + ${pick(31, 4)}])
         when 'order_placed' then jsonb_build_object('amount', ${pick(37, 500)})
         else '{}'::jsonb end,
       now() - make_interval(secs => ${pick(41, 30 * 86_400)})
     from generate_series(1, $3::int) g,
       lateral (select case when ${pick(43, 100)} < 50 then 'page_viewed' when ${pick(43, 100)} < 70 then 'email_opened'
         when ${pick(43, 100)} < 90 then 'cart_added' else 'order_placed' end as name) kind`,
    [range.first, range.last, events],
  )
  // Statistics for the planner, and the visibility map for index-only scans, as a
  // live table would have; it also keeps autovacuum from starting mid-measurement.
  await kairos.query('vacuum (analyze) contacts, events')
}

/**
 * Segment preview time at 100,000 contacts: seeds contacts and ~300,000
 * events, saves the three representative segments through the API, then
 * times GET /api/segments/:id/preview?sample=10 (after one unmeasured call
 * each) `repeats` times per segment.
 */
export async function segmentBench(kairos: BenchKairos, options: { contacts: number; events: number; repeats: number; log: (m: string) => void }): Promise<SegmentFigures> {
  const t0 = performance.now()
  await seed(kairos, options.contacts, options.events)
  const seedSeconds = round((performance.now() - t0) / 1000, 1)
  options.log(`segment: ${options.contacts} contacts and ${options.events} events seeded in ${seedSeconds} s`)

  const all: number[] = []
  const segments: SegmentFigures['segments'] = []
  for (const { name, condition } of BENCH_SEGMENTS) {
    const created = await kairos.app.inject({ method: 'POST', url: '/api/segments', headers: kairos.authHeaders, payload: { name, condition } })
    if (created.statusCode !== 201) throw new Error(`segment: creating "${name}" failed: ${created.body}`)
    const url = `/api/segments/${created.json().id}/preview?sample=10`
    const times: number[] = []
    let matches = 0
    for (let i = 0; i <= options.repeats; i++) {
      const t = performance.now()
      const reply = await kairos.app.inject({ method: 'GET', url, headers: kairos.authHeaders })
      const ms = performance.now() - t
      if (reply.statusCode !== 200) throw new Error(`segment: preview of "${name}" answered ${reply.statusCode}: ${reply.body}`)
      matches = reply.json().count
      if (i > 0) times.push(ms)
    }
    all.push(...times)
    segments.push({ name, matches, msP50: round(quantile(times, 0.5), 1), msP99: round(quantile(times, 0.99), 1) })
    options.log(`segment: "${name}": ${matches} contacts, preview p50 ${round(quantile(times, 0.5), 1)} ms`)
  }
  return {
    contacts: options.contacts,
    events: options.events,
    previewMsP50: round(quantile(all, 0.5), 1),
    previewMsP99: round(quantile(all, 0.99), 1),
    count: all.length,
    segments,
    seedSeconds,
  }
}
