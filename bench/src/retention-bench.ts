import { pruneHistory } from '@kairos/server'
import type { BenchKairos } from './kairos.ts'
import { quantile, round } from './stats.ts'

export interface RetentionFigures {
  /** Step rows of finished runs the pass deleted (and rolled up). */
  steps: number
  runs: number
  seconds: number
  rowsPerSec: number
  /** Pruning transactions; each holds its row locks from its first delete to its commit. */
  batches: number
  batchMsP50: number
  batchMsP99: number
  /** The longest lock held: the longest batch transaction. */
  batchMsMax: number
  /** How long seeding the rows took (generate_series), not part of the rate. */
  seedSeconds: number
}

const STEPS_PER_RUN = 5

/** KAIROS_BENCH_RETENTION_STEPS: step rows the retention phase seeds and prunes (default 1,000,000). */
export function retentionBenchSteps(env: NodeJS.ProcessEnv = process.env): number {
  const steps = Number(env.KAIROS_BENCH_RETENTION_STEPS || 1_000_000)
  if (!Number.isInteger(steps) || steps < STEPS_PER_RUN) throw new Error(`KAIROS_BENCH_RETENTION_STEPS must be a whole number ≥ ${STEPS_PER_RUN}`)
  return steps
}

/**
 * One retention pass over `steps` rows of runs that finished 400 days ago
 * (a 180-day retention), seeded straight into the tables with
 * generate_series, worker stopped. The figures are rows deleted per second and
 * how long the longest batch transaction held its locks; the phase checks the
 * per-node rollup kept every deleted step.
 */
export async function retentionBench(kairos: BenchKairos, options: { steps: number; log: (m: string) => void }): Promise<RetentionFigures> {
  const runs = Math.ceil(options.steps / STEPS_PER_RUN)
  const flowId = await kairos.publishFlow('Bench retention', {
    nodes: [
      { id: 'in', type: 'trigger.event', config: { event: 'bench_retention' } },
      ...[1, 2, 3, 4].map((i) => ({ id: `t${i}`, type: 'tag', config: { add: [`r${i}`] } })),
    ],
    edges: [1, 2, 3, 4].map((i) => ({ source: i === 1 ? 'in' : `t${i - 1}`, target: `t${i}` })),
  })
  const seedStarted = performance.now()
  const [{ first }] = await kairos.query<{ first: string }>(`with made as (
      insert into contacts (external_id) select 'retention-' || g from generate_series(1, 1000) g returning id)
    select min(id)::text as first from made`)
  await kairos.query(`insert into runs (flow_id, flow_version, contact_id, status, node_id, node_entered_at, seq, entered_at, finished_at)
    select $1, 1, $2::bigint + g % 1000, 'completed', 't4', t, ${STEPS_PER_RUN}, t - interval '1 minute', t
    from generate_series(1, $3::int) g, lateral (select now() - interval '400 days' + g * interval '10 ms' as t) at`, [flowId, first, runs])
  await kairos.query(`insert into steps (run_id, seq, node_id, node_type, node_version, entered_at, left_at, outcome, port)
    select r.id, s, (array['in', 't1', 't2', 't3', 't4'])[s], case when s = 1 then 'trigger.event' else 'tag' end, 1,
      r.entered_at, r.entered_at, 'port', 'next'
    from runs r, generate_series(1, ${STEPS_PER_RUN}) s where r.flow_id = $1`, [flowId])
  await kairos.query('analyze runs')
  await kairos.query('analyze steps')
  const seedSeconds = (performance.now() - seedStarted) / 1000
  const [{ seeded }] = await kairos.query<{ seeded: number }>('select count(*)::int as seeded from steps s join runs r on r.id = s.run_id where r.flow_id = $1', [flowId])
  options.log(`retention: ${seeded} steps of ${runs} finished runs seeded in ${round(seedSeconds, 1)} s; pruning`)

  const batches: number[] = []
  const started = performance.now()
  const result = await pruneHistory(kairos.core.database.db, {
    settings: { stepsDays: 180, deliveriesDays: null, eventsDays: null, auditDays: null },
    now: new Date(),
    budgetMs: 600_000,
    onBatch: ({ ms }) => batches.push(ms),
  })
  const seconds = (performance.now() - started) / 1000
  const [{ left, rolled }] = await kairos.query<{ left: number; rolled: number }>(`select
      (select count(*)::int from steps s join runs r on r.id = s.run_id where r.flow_id = $1) as left,
      (select coalesce(sum(passed), 0)::int from step_rollups where flow_id = $1) as rolled`, [flowId])
  if (left !== 0 || rolled !== seeded || result.deleted.steps !== seeded)
    throw new Error(`retention: ${left} steps left, ${rolled} rolled up, ${result.deleted.steps} deleted of ${seeded}`)
  options.log(`retention: ${result.deleted.steps} steps deleted in ${round(seconds, 1)} s over ${batches.length} transactions`)
  return {
    steps: result.deleted.steps,
    runs,
    seconds: round(seconds, 2),
    rowsPerSec: Math.round(result.deleted.steps / seconds),
    batches: batches.length,
    batchMsP50: round(quantile(batches, 0.5), 1),
    batchMsP99: round(quantile(batches, 0.99), 1),
    batchMsMax: round(Math.max(...batches), 1),
    seedSeconds: round(seedSeconds, 1),
  }
}
