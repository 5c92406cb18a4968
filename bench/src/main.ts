/**
 * `pnpm bench`: measures Kairos on a fresh database and prints a table and
 * one line of JSON. Phases run one after another, in an order that keeps
 * them apart: first the idle memory of `npm start` (its own data folder and
 * embedded Postgres, before the bench database exists, so that no load of
 * ours sits beside it); then single events over HTTP to Kairos in a process of its
 * own (on a database of its own; nothing of Kairos runs in this process yet),
 * and pgbench on the same server; then, in this process, ingestion with the
 * worker stopped; steps
 * (a backlog drained by a freshly started worker, then live ingestion with
 * the worker running); wake-ups; then the worker stopped again for the raw
 * graphile-worker baseline; segment previews, a schedule tick and date
 * moments over 100,000 contacts, the journey simulator over 1,000 contacts,
 * then a retention pass over 1,000,000 steps, last.
 * KAIROS_BENCH_ONLY runs some of them (phases.ts). The exit code is 0 unless
 * something broke (an error, an HTTP answer other than 2xx, or a phase that
 * stopped making progress); slow figures never fail the bench.
 */
import { readBenchConfig } from './config.ts'
import { createBenchDatabase, type BenchDatabase } from './database.ts'
import { ingestBench } from './ingest-bench.ts'
import { startBenchKairos, type BenchKairos } from './kairos.ts'
import { describeMachine } from './machine.ts'
import { printReport, summarise, type BenchResult } from './report.ts'
import { startRssSampler } from './rss.ts'
import { round } from './stats.ts'
import { stepsBench } from './steps-bench.ts'
import { liveBench } from './live-bench.ts'
import { wakeBench } from './wake-bench.ts'
import { workerNoopBench } from './worker-noop-bench.ts'
import { segmentBench, segmentBenchSizes } from './segment-bench.ts'
import { tickBench } from './tick-bench.ts'
import { dateBench } from './date-bench.ts'
import { simulateBench } from './simulate-bench.ts'
import { retentionBench, retentionBenchSteps } from './retention-bench.ts'
import { HTTP_CONNECTIONS, httpBench } from './http-bench.ts'
import { idleTreeBench } from './idle-tree-bench.ts'
import { PHASES, type Phase } from './phases.ts'

const log = (message: string) => console.error(`[bench] ${message}`)

async function main(): Promise<number> {
  const started = performance.now()
  const config = readBenchConfig()
  const rss = startRssSampler(50)
  const figures: Pick<BenchResult, 'idle' | 'http' | 'ingest' | 'steps' | 'live' | 'wake' | 'workerNoop' | 'segment' | 'tick' | 'date' | 'simulate' | 'retention'> = {}
  let database: BenchDatabase | undefined
  let kairos: BenchKairos | undefined
  let error: string | undefined
  const want = (phase: Phase) => config.phases.has(phase)
  try {
    if (want('idle')) {
      rss.phase('idle')
      log('idle: npm start as a newcomer runs it (fresh data folder, embedded Postgres), then the RSS of its process tree once idle')
      figures.idle = await idleTreeBench({ log })
    }

    // Every phase but idle works on the bench database: an idle-only run creates none (nor an embedded Postgres).
    const db = PHASES.some((phase) => phase !== 'idle' && want(phase)) ? (database = await createBenchDatabase(config.databaseUrl, log)) : undefined
    const common = { batchSize: config.batchSize, stallMs: config.stallMs, log }

    if (db && want('http')) {
      rss.phase('http')
      log(`http: single events over HTTP to a Kairos process, ${HTTP_CONNECTIONS.join(' then ')} connections × ${config.httpSeconds} s, then pgbench`)
      figures.http = await httpBench(db, { seconds: config.httpSeconds, stallMs: config.stallMs, log })
    }

    // Kairos in this process only for the phases that use it: an HTTP-only run starts none.
    const k = db && PHASES.some((phase) => phase !== 'idle' && phase !== 'http' && want(phase)) ? (kairos = await startBenchKairos(db, config.worker)) : undefined

    if (k && want('ingest')) {
      rss.phase('ingest')
      log(`ingest: ${config.events} events in batches of ${config.batchSize}`)
      figures.ingest = await ingestBench(k, { ...common, events: config.events })
    }

    if (k && want('steps')) {
      rss.phase('steps')
      log(`steps: ${config.contacts} contacts through 5 nodes`)
      figures.steps = await stepsBench(k, { ...common, contacts: config.contacts })
    }

    if (k && (want('live') || want('wake'))) await k.startWorker()
    if (k && want('live')) {
      rss.phase('live')
      log(`live: ${config.contacts} contacts through 5 nodes with a websocket client subscribed`)
      figures.live = await liveBench(k, { ...common, contacts: config.contacts })
    }

    if (k && want('wake')) {
      rss.phase('wake')
      log(`wake: ${config.wakeRuns} runs waiting ${config.wakeWait}, then waking in the same second`)
      figures.wake = await wakeBench(k, { ...common, runs: config.wakeRuns, wait: config.wakeWait })
    }
    await k?.stopWorker()

    if (db && want('noop')) {
      rss.phase('noop')
      log(`noop: ${config.noopJobs} graphile-worker no-op jobs`)
      figures.workerNoop = await workerNoopBench(db, { ...common, jobs: config.noopJobs, settings: config.worker })
    }

    const segmentSizes = segmentBenchSizes()
    if (k && want('segment')) {
      rss.phase('segment')
      log(`segment: ${segmentSizes.contacts} contacts and ${segmentSizes.events} events, then 3 segment previews × ${segmentSizes.repeats}`)
      figures.segment = await segmentBench(k, { ...segmentSizes, log })
    }

    if (k && want('tick')) {
      rss.phase('tick')
      log(`tick: one schedule tick entering the ${segmentSizes.contacts} contacts just seeded`)
      figures.tick = await tickBench(k, { log })
    }

    if (k && want('date')) {
      rss.phase('date')
      log(`date: moments for the ${segmentSizes.contacts} contacts' signed_up_at, then one sweep entering them all`)
      figures.date = await dateBench(k, { log })
    }

    if (k && want('simulate')) {
      rss.phase('simulate')
      log('simulate: the renewal journey simulated for 1,000 contacts over 10 days (POST /api/flows/:id/simulate), twice')
      figures.simulate = await simulateBench(k, { log })
    }

    if (k && want('retention')) {
      rss.phase('retention')
      const retentionSteps = retentionBenchSteps()
      log(`retention: ${retentionSteps} steps of runs finished 400 days ago, then one pass with a 180-day retention`)
      figures.retention = await retentionBench(k, { steps: retentionSteps, log })
    }
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught)
    console.error(caught)
  } finally {
    await kairos?.close().catch((e) => console.error(e))
    await database?.dispose().catch((e) => console.error(e))
    rss.stop()
  }
  // The HTTP figures are printed either way; answers other than 2xx and stalled drains still fail the run.
  if (error === undefined && figures.http && figures.http.problems.length > 0) error = figures.http.problems.join('; ')
  const result = summarise({
    bench: 'kairos',
    ok: error === undefined,
    ...(error === undefined ? {} : { error }),
    machine: describeMachine(database ?? { version: 'none', server: 'none' }),
    settings: {
      worker: config.worker, events: config.events, batchSize: config.batchSize, contacts: config.contacts,
      wakeRuns: config.wakeRuns, wakeWait: config.wakeWait, noopJobs: config.noopJobs,
      httpSeconds: config.httpSeconds, phases: PHASES.filter(want),
    },
    ...figures,
    rss: { peakMb: rss.peakMb(), peakHeapUsedMb: rss.peakHeapUsedMb(), phasesMb: rss.phasePeaksMb() },
    totalSeconds: round((performance.now() - started) / 1000, 1),
  })
  printReport(result)
  return result.ok ? 0 : 1
}

// Exit explicitly: the bench must stop by itself even if a library leaves a handle open.
process.exit(await main())
