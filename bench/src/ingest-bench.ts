import { INGEST_HIT_EVENT, INGEST_MISS_EVENT, ingestFlow } from './flows.ts'
import type { BenchEvent, BenchKairos } from './kairos.ts'
import { perSecond, quantile, round } from './stats.ts'

export interface IngestFigures {
  events: number
  batchSize: number
  /** All batches, back to back, one client: events / total time. */
  eventsPerSec: number
  /** Batches whose every event starts a run (reentry "always"). */
  startingRunsPerSec: number
  /** Batches whose events match no flow (stored, contacts upserted, nothing else). */
  matchingNothingPerSec: number
  runsStarted: number
  batchMsP50: number
  batchMsP99: number
  seconds: number
  /** One event per request, one client, each a new contact starting a run: requests / time (webhook-style; every request carries the API key). */
  singleEventsPerSec: number
  singleMsP50: number
  singleMsP99: number
}

/** Requests in the single-event part of the phase. */
const SINGLE_EVENTS = 2000

/**
 * Events per second through POST /api/events in batches (default 50,000
 * events of 1000), alternating batches of events that each start a run and
 * batches that match nothing, so both costs are visible. The worker is not
 * running: this measures ingestion alone (store, upsert contacts, find hooks,
 * create runs, enqueue their jobs) and not the runs it starts.
 */
export async function ingestBench(kairos: BenchKairos, options: { events: number; batchSize: number; log: (m: string) => void }): Promise<IngestFigures> {
  const { events, batchSize } = options
  await kairos.publishFlow('bench: ingest', ingestFlow)
  const contacts = Math.max(batchSize, Math.floor(events / 5))
  const batchOf = (start: number, count: number, name: string): BenchEvent[] =>
    Array.from({ length: count }, (_, k) => {
      const i = start + k
      return { contact: `ingest-${i % contacts}`, name, properties: { sku: `SKU-${i % 977}`, amount: i % 250, source: 'bench' } }
    })

  // One unmeasured request first: Fastify compiles its schemas and serializers on first use.
  await kairos.postEvents([{ contact: 'ingest-warmup', name: INGEST_MISS_EVENT }])

  const times = { hit: 0, miss: 0 }
  const counts = { hit: 0, miss: 0 }
  const batchMs: number[] = []
  let runsStarted = 0
  for (let start = 0, b = 0; start < events; start += batchSize, b++) {
    const kind = b % 2 === 0 ? 'hit' : 'miss'
    const batch = batchOf(start, Math.min(batchSize, events - start), kind === 'hit' ? INGEST_HIT_EVENT : INGEST_MISS_EVENT)
    const t = performance.now()
    const reply = await kairos.postEvents(batch)
    const ms = performance.now() - t
    if (reply.accepted !== batch.length) throw new Error(`ingest: ${reply.accepted} of ${batch.length} events accepted`)
    times[kind] += ms
    counts[kind] += batch.length
    batchMs.push(ms)
    runsStarted += reply.runsStarted
    if (b % 10 === 9) options.log(`ingest: ${start + batch.length}/${events} events`)
  }
  if (runsStarted !== counts.hit) throw new Error(`ingest: ${runsStarted} runs started for ${counts.hit} matching events`)

  // One event per request, as webhooks and trackers post them: here the per-request costs
  // (routing, the API key's lookup, validation, one transaction) are what is measured.
  const singleMs: number[] = []
  const singleStart = performance.now()
  for (let i = 0; i < SINGLE_EVENTS; i++) {
    const t = performance.now()
    const reply = await kairos.postEvents([{ contact: `single-${i}`, name: INGEST_HIT_EVENT, properties: { sku: 'SKU-1' } }])
    singleMs.push(performance.now() - t)
    if (reply.accepted !== 1 || reply.runsStarted !== 1) throw new Error(`ingest: single event ${i} was not accepted with its run`)
  }
  const singleTotal = performance.now() - singleStart

  // The runs started here are not part of any later figure: drop their advance jobs unrun.
  await kairos.query(`select graphile_worker.complete_jobs(array(
      select id from graphile_worker.jobs where task_identifier = 'kairos.advance'))`)

  const total = times.hit + times.miss
  return {
    events,
    batchSize,
    eventsPerSec: perSecond(events, total),
    startingRunsPerSec: perSecond(counts.hit, times.hit),
    matchingNothingPerSec: perSecond(counts.miss, times.miss),
    runsStarted,
    batchMsP50: round(quantile(batchMs, 0.5)),
    batchMsP99: round(quantile(batchMs, 0.99)),
    seconds: round(total / 1000, 2),
    singleEventsPerSec: perSecond(SINGLE_EVENTS, singleTotal),
    singleMsP50: round(quantile(singleMs, 0.5)),
    singleMsP99: round(quantile(singleMs, 0.99)),
  }
}
