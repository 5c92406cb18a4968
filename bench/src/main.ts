/**
 * `pnpm bench`: measures Kairos on a fresh database and prints a table and
 * one line of JSON. Phases run one after another in this process, in an
 * order that keeps them apart: ingestion with the worker stopped; steps
 * (a backlog drained by a freshly started worker, then live ingestion with
 * the worker running); wake-ups; then the worker stopped again for the raw
 * graphile-worker baseline; segment previews, a schedule tick and date
 * moments over 100,000 contacts, then a retention pass over 1,000,000 steps, last. The exit code is 0 unless something
 * broke (an error, or a phase that stopped making progress); slow figures
 * never fail the bench.
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
import { retentionBench, retentionBenchSteps } from './retention-bench.ts'

const log = (message: string) => console.error(`[bench] ${message}`)

async function main(): Promise<number> {
  const started = performance.now()
  const config = readBenchConfig()
  const rss = startRssSampler(50)
  const figures: Pick<BenchResult, 'ingest' | 'steps' | 'live' | 'wake' | 'workerNoop' | 'segment' | 'tick' | 'date' | 'retention'> = {}
  let database: BenchDatabase | undefined
  let kairos: BenchKairos | undefined
  let error: string | undefined
  try {
    database = await createBenchDatabase(config.databaseUrl, log)
    kairos = await startBenchKairos(database, config.worker)
    const common = { batchSize: config.batchSize, stallMs: config.stallMs, log }

    rss.phase('ingest')
    log(`ingest: ${config.events} events in batches of ${config.batchSize}`)
    figures.ingest = await ingestBench(kairos, { ...common, events: config.events })

    rss.phase('steps')
    log(`steps: ${config.contacts} contacts through 5 nodes`)
    figures.steps = await stepsBench(kairos, { ...common, contacts: config.contacts })

    rss.phase('live')
    await kairos.startWorker()
    log(`live: ${config.contacts} contacts through 5 nodes with a websocket client subscribed`)
    figures.live = await liveBench(kairos, { ...common, contacts: config.contacts })

    rss.phase('wake')
    log(`wake: ${config.wakeRuns} runs waiting ${config.wakeWait}, then waking in the same second`)
    figures.wake = await wakeBench(kairos, { ...common, runs: config.wakeRuns, wait: config.wakeWait })
    await kairos.stopWorker()

    rss.phase('noop')
    log(`noop: ${config.noopJobs} graphile-worker no-op jobs`)
    figures.workerNoop = await workerNoopBench(database, { ...common, jobs: config.noopJobs, settings: config.worker })

    rss.phase('segment')
    const segmentSizes = segmentBenchSizes()
    log(`segment: ${segmentSizes.contacts} contacts and ${segmentSizes.events} events, then 3 segment previews × ${segmentSizes.repeats}`)
    figures.segment = await segmentBench(kairos, { ...segmentSizes, log })

    rss.phase('tick')
    log(`tick: one schedule tick entering the ${segmentSizes.contacts} contacts just seeded`)
    figures.tick = await tickBench(kairos, { log })

    rss.phase('date')
    log(`date: moments for the ${segmentSizes.contacts} contacts' signed_up_at, then one sweep entering them all`)
    figures.date = await dateBench(kairos, { log })

    rss.phase('retention')
    const retentionSteps = retentionBenchSteps()
    log(`retention: ${retentionSteps} steps of runs finished 400 days ago, then one pass with a 180-day retention`)
    figures.retention = await retentionBench(kairos, { steps: retentionSteps, log })
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught)
    console.error(caught)
  } finally {
    await kairos?.close().catch((e) => console.error(e))
    await database?.dispose().catch((e) => console.error(e))
    rss.stop()
  }
  const result = summarise({
    bench: 'kairos',
    ok: error === undefined,
    ...(error === undefined ? {} : { error }),
    machine: describeMachine({ version: database?.version ?? 'unknown', server: database?.server ?? 'unknown' }),
    settings: {
      worker: config.worker, events: config.events, batchSize: config.batchSize, contacts: config.contacts,
      wakeRuns: config.wakeRuns, wakeWait: config.wakeWait, noopJobs: config.noopJobs,
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
