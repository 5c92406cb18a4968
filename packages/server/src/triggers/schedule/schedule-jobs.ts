import { nextCronTick, type ScheduleTrigger } from '@kairos/sdk'
import type { CompiledFlow } from '@kairos/engine'
import type { Db } from '../../db/connect.ts'
import { addJobs, type JobSpec } from '../../execution/jobs.ts'

/** The task that starts one tick of a schedule trigger and plans the next. */
export const SCHEDULE_TICK_TASK = 'kairos.schedule-tick'
/** The task that enrolls a tick's audience, batch after batch, from its cursor. */
export const SCHEDULE_FANOUT_TASK = 'kairos.schedule-fanout'

export interface TickPayload {
  flow: string
  node: string
  /** The instant this tick is for (ISO). */
  tickAt: string
}

/**
 * One pending tick job per (flow, trigger node): the job key makes adding the
 * next tick replace any pending one (a republish, a resume), so a schedule
 * never has two ticks queued however many processes plan it.
 */
export function tickJobKey(flowId: string, nodeId: string): string {
  return `kairos:schedule:${flowId}:${nodeId}`
}

export function tickJobSpec(flowId: string, nodeId: string, tickAt: Date): JobSpec {
  const payload: TickPayload = { flow: flowId, node: nodeId, tickAt: tickAt.toISOString() }
  return { identifier: SCHEDULE_TICK_TASK, payload, run_at: payload.tickAt, job_key: tickJobKey(flowId, nodeId), max_attempts: 25 }
}

export function fanoutJobSpec(tickId: string, runAt: Date): JobSpec {
  return { identifier: SCHEDULE_FANOUT_TASK, payload: { tick: tickId }, run_at: runAt.toISOString(), job_key: `kairos:fanout:${tickId}`, max_attempts: 25 }
}

/** The zone a schedule is read in: its own, else the flow's. */
export function scheduleZone(trigger: ScheduleTrigger, flow: CompiledFlow): string {
  return trigger.timezone ?? flow.settings.timezone
}

/**
 * Queues the next tick after `after` of every schedule trigger of a flow
 * version, in the caller's transaction (publish, resume). A schedule that
 * never fires again (`0 0 31 2 *`) queues nothing.
 */
export async function planTicks(trx: Db, flowId: string, flow: CompiledFlow, after: Date): Promise<void> {
  const specs: JobSpec[] = []
  for (const trigger of flow.scheduleTriggers) {
    const next = nextCronTick(trigger.cron, after, scheduleZone(trigger, flow))
    if (next) specs.push(tickJobSpec(flowId, trigger.nodeId, next))
  }
  await addJobs(trx, specs)
}
