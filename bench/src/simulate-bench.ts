import type { BenchKairos } from './kairos.ts'
import { round } from './stats.ts'

export interface SimulateFigures {
  contacts: number
  horizon: string
  /** Runs, steps and messages the simulated journey made. */
  runs: number
  steps: number
  sent: number
  deferred: number
  suppressed: number
  goalReached: number
  /** POST /api/flows/:id/simulate as a client times it: the first call, then a second one. */
  firstSeconds: number
  secondSeconds: number
  /** The server's own figure for the second call (elapsedMs). */
  serverSeconds: number
}

const CONTACTS = 1000
const HORIZON = '10d'
const ZONES = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo']
const DAY = 86_400_000

/**
 * The journey simulator on the renewal journey over 1,000 contacts and a
 * 10-day horizon: members enter 3 days before `subscription_end` (spread over
 * the next ten days, in four timezones) at 08:00 their time, wait for 09:00,
 * leave if they ordered since, else get a coupon and an SMS at 14:00, a
 * reminder at 21:30 and a last call at 09:30 the next day, through an
 * sms.http channel, under a cap of 2 marketing SMS a day and quiet hours
 * 21:00-09:00 (the reminder is deferred to 09:00, so the cap stops the last
 * call). A tenth have no phone (skipped). A fifth of them order
 * at scripted times. The simulation goes through the API as the editor calls
 * it, twice (the second with warm caches); the figure to compare with the
 * goal (≤ 5 s) is the second. The bench fails if a simulation changed a row.
 */
export async function simulateBench(kairos: BenchKairos, options: { log: (m: string) => void }): Promise<SimulateFigures> {
  const start = new Date(Math.ceil(Date.now() / DAY) * DAY + DAY)
  const call = async (method: 'POST' | 'PUT', url: string, payload: object) => {
    const response = await kairos.app.inject({ method, url, headers: kairos.authHeaders, payload })
    if (response.statusCode >= 300) throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`)
    return response.json()
  }
  // KAIROS_BENCH_COOLING=1 adds a cooling rule (docs/policies.md) for a quarter of them: its audience is evaluated per batch.
  const cooling = process.env.KAIROS_BENCH_COOLING === '1' ? [{ name: 'bench', audience: { condition: { attribute: 'timezone', op: 'eq', value: ZONES[0] } }, caps: [{ channel: 'sms', max: 1, per: '7d' }] }] : []
  await call('PUT', '/api/policies', { caps: [{ channel: 'sms', max: 2, per: '1d' }], quietHours: { from: '21:00', to: '09:00' }, cooling })
  // A provider that is never called: the simulator hands nothing to it.
  await call('PUT', '/api/channels/bench-sms', { kind: 'sms.http', config: { url: 'https://sms.bench.invalid/send' } })
  const contacts = Array.from({ length: CONTACTS }, (_, i) => ({
    externalId: `sim-bench-${i}`,
    attributes: {
      name: `Member ${i}`,
      timezone: ZONES[i % ZONES.length],
      ...(i % 10 === 9 ? {} : { phone: `+861390000${String(i).padStart(4, '0')}` }),
      subscription_end: new Date(start.getTime() + (3 + (i % 10)) * DAY).toISOString().slice(0, 10),
      tier: 'premium',
    },
  }))
  await call('POST', '/api/contacts/batch', { contacts })
  const sms = (id: string, text: string) => ({ id, type: 'send.sms', config: { text, channel: 'bench-sms' } })
  const until = (id: string, at: string) => ({ id, type: 'wait.until', config: { at } })
  const nodes = [
    { id: 'due', type: 'trigger.date', config: { attribute: 'subscription_end', offset: '-3d', at: '08:00' } },
    until('morning', '09:00'),
    { id: 'ordered', type: 'branch', config: { branches: [{ port: 'yes', when: { event: 'order_placed', since: 'entry' } }], otherwise: 'no' } },
    until('afternoon', '14:00'),
    { id: 'coupon', type: 'coupon', config: { pattern: 'RENEW-{XXXXXX}' } },
    sms('offer', 'Hi {{ contact.name }}, renew with code {{ coupon.code }} for 15% off.'),
    until('evening', '21:30'),
    sms('reminder', 'Your code {{ coupon.code }} is waiting, {{ contact.name }}.'),
    until('late', '09:30'),
    sms('last', 'Last call: {{ coupon.code }} ends today.'),
  ]
  const chain = ['due', 'morning', 'ordered', 'afternoon', 'coupon', 'offer', 'evening', 'reminder', 'late', 'last']
  const edges = chain.slice(1).map((target, i) => ({ source: chain[i], target, ...(chain[i] === 'ordered' ? { sourcePort: 'no' } : {}) }))
  const flow = await call('POST', '/api/flows', {
    name: 'Bench renewal',
    graph: { nodes, edges, settings: { reentry: 'once', timezone: 'Asia/Shanghai', goal: { event: 'order_placed', within: '7d' } } },
  })
  // A fifth of the members order, at times spread over the horizon (a fixed pattern, so runs compare).
  const events = contacts
    .filter((_, i) => i % 5 === 0)
    .map((c, n) => ({ at: `+${(n * 7919) % (10 * 24 * 60)}m`, contact: c.externalId, name: 'order_placed', properties: { total: 299 } }))
  const body = { contacts: contacts.map((c) => c.externalId), events, horizon: HORIZON, now: start.toISOString() }

  const rows = async () => JSON.stringify(await kairos.query('select (select count(*) from runs) as runs, (select count(*) from deliveries) as deliveries, (select count(*) from contacts) as contacts, (select count(*) from graphile_worker._private_jobs) as jobs'))
  const before = await rows()
  const timed = async () => {
    const t = performance.now()
    const reply = await call('POST', `/api/flows/${flow.id}/simulate`, body)
    return { seconds: (performance.now() - t) / 1000, reply }
  }
  // Only the first call's time is kept: its answer (some megabytes) need not stay in memory beside the second's.
  const first = { seconds: (await timed()).seconds }
  const second = await timed()
  if ((await rows()) !== before) throw new Error('simulate: a simulation changed rows of the workspace')
  const { totals } = second.reply
  const messages = totals.messages as Array<{ sent: number; deferred: number; suppressed: number }>
  const figures: SimulateFigures = {
    contacts: totals.contacts,
    horizon: HORIZON,
    runs: Object.values(totals.runs as Record<string, number>).reduce((a, b) => a + b, 0),
    steps: (totals.steps as Array<{ steps: number }>).reduce((a, s) => a + s.steps, 0),
    sent: messages.reduce((a, m) => a + m.sent, 0),
    deferred: messages.reduce((a, m) => a + m.deferred, 0),
    suppressed: messages.reduce((a, m) => a + m.suppressed, 0),
    goalReached: totals.goalReached,
    firstSeconds: round(first.seconds, 2),
    secondSeconds: round(second.seconds, 2),
    serverSeconds: round(second.reply.elapsedMs / 1000, 2),
  }
  options.log(
    `simulate: ${figures.contacts} contacts over ${HORIZON}: ${figures.runs} runs, ${figures.steps} steps, ${figures.sent} SMS sent ` +
      `(${figures.deferred} deferred), ${figures.suppressed} suppressed; ${figures.firstSeconds} s, then ${figures.secondSeconds} s`,
  )
  return figures
}
