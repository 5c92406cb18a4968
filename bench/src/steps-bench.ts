import { BACKLOG_EVENT, STEPS_EVENT, STEPS_PER_RUN, stepsFlow } from './flows.ts'
import type { BenchKairos } from './kairos.ts'
import { pollUntil } from './poll.ts'
import { perSecond, round } from './stats.ts'

export interface StepsFigures {
  runs: number
  steps: number
  /** Steps in the `steps` table / time from the first ingest call to the last run seen finished (worker running throughout). */
  stepsPerSec: number
  runsPerSec: number
  /** Of `seconds`, how long posting the triggering events took (the worker runs meanwhile). */
  ingestSeconds: number
  seconds: number
  /** Advance transactions the worker committed, and runs per transaction on average. */
  batches: number
  runsPerBatch: number
  /** The same flow and size with the runs enrolled first and the worker started after: execution alone. */
  backlogStepsPerSec: number
  backlogSeconds: number
}

export interface Options {
  contacts: number
  batchSize: number
  stallMs: number
  log: (m: string) => void
}

/**
 * Node steps per second through a flow of five nodes without waits, with
 * the in-process worker on the production settings. Contacts (half premium,
 * half basic, for the branch) are inserted beforehand in one statement.
 *
 * The headline figure is the issue's: the worker runs while the triggering
 * events are posted, and the clock runs from the first POST until the last
 * run is seen finished. On a small machine the API and the worker share the
 * cores, so that figure can be bound by ingestion; the backlog figure
 * (enroll first with the worker stopped, then start it and time the drain)
 * shows what execution alone does.
 */
export async function stepsBench(kairos: BenchKairos, options: Options): Promise<StepsFigures> {
  const { contacts } = options

  await kairos.stopWorker()
  const backlog = await prepare(kairos, 'backlog', BACKLOG_EVENT, contacts)
  await enroll(kairos, backlog, options)
  options.log(`steps: ${contacts} runs enrolled with the worker stopped; starting it`)
  const tBacklog = performance.now()
  await kairos.startWorker()
  const tBacklogDone = await pollUntil('steps bench (backlog): runs finished', backlog.finished, contacts, { stallMs: options.stallMs, everyMs: 25 })
  const backlogSteps = await verify(kairos, backlog.flowId, contacts)

  const live = await prepare(kairos, 'steps', STEPS_EVENT, contacts)
  let batches = 0
  let batchRuns = 0
  kairos.onCommitted = ({ runs }) => {
    if (runs === 0) return
    batches += 1
    batchRuns += runs
  }
  const t0 = performance.now()
  await enroll(kairos, live, options)
  const tIngested = performance.now()
  options.log(`steps: ${contacts} runs started in ${round((tIngested - t0) / 1000, 2)} s with the worker running; waiting for them to finish`)
  const tDone = await pollUntil('steps bench: runs finished', live.finished, contacts, { stallMs: options.stallMs, everyMs: 25 })
  kairos.onCommitted = undefined
  const steps = await verify(kairos, live.flowId, contacts)

  const ms = tDone - t0
  return {
    runs: contacts,
    steps,
    stepsPerSec: perSecond(steps, ms),
    runsPerSec: perSecond(contacts, ms),
    ingestSeconds: round((tIngested - t0) / 1000, 2),
    seconds: round(ms / 1000, 2),
    batches,
    runsPerBatch: batches > 0 ? round(batchRuns / batches, 1) : 0,
    backlogStepsPerSec: perSecond(backlogSteps, tBacklogDone - tBacklog),
    backlogSeconds: round((tBacklogDone - tBacklog) / 1000, 2),
  }
}

export interface Prepared {
  flowId: string
  prefix: string
  event: string
  finished: () => Promise<number>
}

/** Publishes the flow for `event` and inserts `contacts` contacts named `<prefix>-<n>`. */
export async function prepare(kairos: BenchKairos, prefix: string, event: string, contacts: number): Promise<Prepared> {
  const flowId = await kairos.publishFlow(`bench: ${prefix}`, stepsFlow(event))
  await kairos.query(
    `insert into contacts (external_id, attributes)
     select $2 || '-' || g, jsonb_build_object('tier', case when g % 2 = 0 then 'premium' else 'basic' end, 'score', g % 100)
     from generate_series(0, $1::int - 1) g`,
    [contacts, prefix],
  )
  const finished = async () =>
    Number((await kairos.query<{ n: string }>(
      `select count(*) as n from runs where flow_id = $1 and status in ('completed', 'exited', 'failed', 'cancelled')`, [flowId],
    ))[0].n)
  return { flowId, prefix, event, finished }
}

/** Posts one triggering event per contact, in API batches. */
export async function enroll(kairos: BenchKairos, flow: Prepared, options: Options): Promise<void> {
  for (let start = 0; start < options.contacts; start += options.batchSize) {
    const count = Math.min(options.batchSize, options.contacts - start)
    const events = Array.from({ length: count }, (_, k) => ({ contact: `${flow.prefix}-${start + k}`, name: flow.event, properties: { n: start + k } }))
    const reply = await kairos.postEvents(events)
    if (reply.runsStarted !== count) throw new Error(`steps: ${reply.runsStarted} of ${count} runs started`)
  }
}

/** Counts the flow's steps and checks every run exited after exactly STEPS_PER_RUN steps. */
async function verify(kairos: BenchKairos, flowId: string, runs: number): Promise<number> {
  const [{ steps, abnormal }] = await kairos.query<{ steps: string; abnormal: string }>(
    `select (select count(*) from steps s join runs r on r.id = s.run_id where r.flow_id = $1) as steps,
            (select count(*) from runs where flow_id = $1 and status <> 'exited') as abnormal`,
    [flowId],
  )
  if (Number(abnormal) > 0) throw new Error(`steps: ${abnormal} runs did not exit normally`)
  if (Number(steps) !== runs * STEPS_PER_RUN) throw new Error(`steps: ${steps} steps for ${runs} runs, expected ${runs * STEPS_PER_RUN}`)
  return Number(steps)
}
