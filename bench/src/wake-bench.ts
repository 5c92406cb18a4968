import { parseDuration } from '@kairos/sdk'
import { WAIT_NODE, WAKE_EVENT, wakeFlow } from './flows.ts'
import type { BenchKairos } from './kairos.ts'
import { pollUntil } from './poll.ts'
import { quantile, round } from './stats.ts'

export interface WakeFigures {
  runs: number
  wait: string
  /** How late the wait step really ran after the shared wake time (its left_at − wake time), ms. */
  latenessMsP50: number
  /** The first run picked up: the part of lateness that is the queue noticing the due jobs (poll interval), not draining them. */
  latenessMsMin: number
  latenessMsP99: number
  latenessMsMax: number
  /** From the shared wake time until the last run was seen finished, ms. */
  allFinishedMs: number
  /** Runs that had already woken before the wake times were equalised (left out of the figures). */
  excluded: number
}

/**
 * Wake-up lateness under a thundering herd: `runs` runs enter
 * trigger → wait → tag and wait. Their wake times differ by however long
 * enrolling took, so once all are waiting the bench moves every run's
 * `wake_at` to one shared second T a little after the latest. The original
 * delayed jobs then fire, see the later wake_at, and re-schedule themselves
 * for T through Kairos' own code (add_jobs), so at T the queue holds what
 * it would hold had all runs been enrolled in the same instant. Lateness is
 * the wait step's `left_at` (the clock reading when the job actually ran;
 * real time here, no fake timers) minus T.
 */
export async function wakeBench(
  kairos: BenchKairos,
  options: { runs: number; wait: string; batchSize: number; stallMs: number; log: (m: string) => void },
): Promise<WakeFigures> {
  const { runs, batchSize } = options
  const flowId = await kairos.publishFlow('bench: wake', wakeFlow(options.wait))
  const count = async (where: string) =>
    Number((await kairos.query<{ n: string }>(`select count(*) as n from runs where flow_id = $1 and ${where}`, [flowId]))[0].n)

  const tEnroll = Date.now()
  for (let start = 0; start < runs; start += batchSize) {
    const n = Math.min(batchSize, runs - start)
    const reply = await kairos.postEvents(Array.from({ length: n }, (_, k) => ({ contact: `wake-${start + k}`, name: WAKE_EVENT })))
    if (reply.runsStarted !== n) throw new Error(`wake: ${reply.runsStarted} of ${n} runs started`)
  }
  await pollUntil('wake bench: runs waiting', () => count(`status <> 'running'`), runs, { stallMs: options.stallMs })
  const enrolledMs = Date.now() - tEnroll
  options.log(`wake: ${runs} runs enrolled and waiting after ${round(enrolledMs / 1000, 1)} s`)
  if (enrolledMs > parseDuration(options.wait) * 0.8)
    options.log(`wake: enrolling took most of the ${options.wait} wait; raise KAIROS_BENCH_WAIT so no run wakes before the equalisation`)

  const [{ latest }] = await kairos.query<{ latest: Date }>(`select max(wake_at) as latest from runs where flow_id = $1`, [flowId])
  // Past the latest original wake plus the poll interval and the time the re-scheduling jobs take; a whole second.
  const wakeAt = new Date(Math.ceil((latest.getTime() + 3000) / 1000) * 1000)
  const moved = await kairos.query<{ id: string }>(
    `update runs set wake_at = $2 where flow_id = $1 and status = 'waiting' returning id`, [flowId, wakeAt],
  )
  const ids = moved.map((r) => r.id)
  options.log(`wake: ${ids.length} runs now wake at ${wakeAt.toISOString()} (in ${round((wakeAt.getTime() - Date.now()) / 1000, 1)} s)`)

  await pollUntil('wake bench: runs finished', () => count(`finished_at is not null`), runs, { stallMs: options.stallMs + wakeAt.getTime() - Date.now(), everyMs: 25 })
  const allFinishedMs = Date.now() - wakeAt.getTime()

  const rows = await kairos.query<{ ms: number }>(
    `select (extract(epoch from (s.left_at - $2::timestamptz)) * 1000)::float8 as ms
     from steps s where s.run_id = any($1::bigint[]) and s.node_id = $3`,
    [ids, wakeAt, WAIT_NODE],
  )
  if (rows.length !== ids.length) throw new Error(`wake: ${rows.length} wait steps for ${ids.length} runs`)
  const lateness = rows.map((r) => r.ms)
  const early = lateness.filter((ms) => ms < 0).length
  if (early > 0) throw new Error(`wake: ${early} runs woke before their wake time`)
  return {
    runs: ids.length,
    wait: options.wait,
    latenessMsMin: round(quantile(lateness, 0)),
    latenessMsP50: round(quantile(lateness, 0.5)),
    latenessMsP99: round(quantile(lateness, 0.99)),
    latenessMsMax: round(quantile(lateness, 1)),
    allFinishedMs: round(allFinishedMs),
    excluded: runs - ids.length,
  }
}
