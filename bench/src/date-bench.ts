import { sweepMoments, syncMoments } from '@kairos/server'
import type { BenchKairos } from './kairos.ts'
import { round } from './stats.ts'

export interface DateFigures {
  /** Contacts whose next moment was computed when the flow was published. */
  moments: number
  syncSeconds: number
  momentsPerSec: number
  /** Contacts entered by one sweep with every moment due at once. */
  entered: number
  sweepSeconds: number
  enteredPerSec: number
}

/**
 * The two bulk paths of `trigger.date` over the segment phase's 100,000
 * contacts (each has a `signed_up_at` date), worker stopped, run in this
 * process: computing every contact's next moment when a flow is published
 * (the sync job: attributes read, zones resolved, one upsert per 2,000
 * contacts), then one sweep entering all of them as if every moment fell due
 * in the same minute (the worst case: an anniversary everyone shares).
 */
export async function dateBench(kairos: BenchKairos, options: { log: (m: string) => void }): Promise<DateFigures> {
  const flowId = await kairos.publishFlow('Bench anniversaries', {
    nodes: [
      { id: 'anniversary', type: 'trigger.date', config: { attribute: 'signed_up_at', repeat: 'yearly', at: '09:00' } },
      { id: 'later', type: 'wait', config: { for: '1d' } },
    ],
    edges: [{ source: 'anniversary', target: 'later' }],
    settings: { reentry: 'always' },
  })
  const deps = kairos.core.execution
  let t = performance.now()
  await syncMoments(deps, flowId, 1)
  const syncSeconds = (performance.now() - t) / 1000
  const [{ n: moments }] = await kairos.query<{ n: number }>('select count(*)::int as n from date_trigger_moments where flow_id = $1 and due_at is not null', [flowId])
  options.log(`date: ${moments} moments computed in ${round(syncSeconds, 2)} s`)

  await kairos.query("update date_trigger_moments set due_at = now() - interval '1 second' where flow_id = $1", [flowId])
  t = performance.now()
  await sweepMoments(deps)
  const sweepSeconds = (performance.now() - t) / 1000
  const [{ n: entered }] = await kairos.query<{ n: number }>('select count(*)::int as n from runs where flow_id = $1', [flowId])
  options.log(`date: ${entered} contacts entered by one sweep in ${round(sweepSeconds, 2)} s`)
  return {
    moments,
    syncSeconds: round(syncSeconds, 2),
    momentsPerSec: Math.round(moments / syncSeconds),
    entered,
    sweepSeconds: round(sweepSeconds, 2),
    enteredPerSec: Math.round(entered / sweepSeconds),
  }
}
