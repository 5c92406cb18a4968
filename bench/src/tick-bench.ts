import { fanOut, FANOUT_BATCH, runTick } from '@kairos/server'
import type { BenchKairos } from './kairos.ts'
import { quantile, round } from './stats.ts'

export interface TickFigures {
  /** Contacts the tick's audience matched, all entered. */
  enrolled: number
  seconds: number
  enrolledPerSec: number
  /** Fan-out transactions, contacts in each, and how long they held their locks. */
  batches: number
  batchSize: number
  batchMsP50: number
  batchMsMax: number
}

/**
 * Contacts enrolled per second for one schedule tick over the segment
 * phase's 100,000 contacts: the tick is started as its job starts it
 * (`runTick`), then its fan-out is run and timed in this process with the
 * worker stopped, so the figure is enrollment alone (runs, enrollments and
 * advance jobs written in bulk, one transaction per batch), not the
 * execution of the runs it queues.
 */
export async function tickBench(kairos: BenchKairos, options: { log: (m: string) => void }): Promise<TickFigures> {
  const flowId = await kairos.publishFlow('Bench tick', {
    nodes: [
      // A yearly schedule: its own next tick never falls inside the bench.
      { id: 'tick', type: 'trigger.schedule', config: { cron: '0 0 1 1 *', condition: { attribute: 'seats', op: 'exists' } } },
      { id: 'later', type: 'wait', config: { for: '1d' } },
    ],
    edges: [{ source: 'tick', target: 'later' }],
    settings: { reentry: 'always' },
  })
  await runTick(kairos.core.execution, { flow: flowId, node: 'tick', tickAt: new Date().toISOString() })
  const [tick] = await kairos.query<{ id: string }>('select id from schedule_ticks where flow_id = $1', [flowId])
  const batches: number[] = []
  const started = performance.now()
  await fanOut(kairos.core.execution, tick.id, { onBatch: (ms) => batches.push(ms) })
  const seconds = (performance.now() - started) / 1000
  const [done] = await kairos.query<{ status: string; entered: number }>('select status, entered from schedule_ticks where id = $1', [tick.id])
  if (done.status !== 'done') throw new Error(`tick: fan-out ended with the tick ${done.status}`)
  options.log(`tick: ${done.entered} contacts enrolled in ${round(seconds, 2)} s over ${batches.length} transactions`)
  return {
    enrolled: done.entered,
    seconds: round(seconds, 2),
    enrolledPerSec: Math.round(done.entered / seconds),
    batches: batches.length,
    batchSize: FANOUT_BATCH,
    batchMsP50: round(quantile(batches, 0.5), 1),
    batchMsMax: round(Math.max(...batches), 1),
  }
}
