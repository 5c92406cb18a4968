import { goTo, parseDuration, type NodeContext, type NodeResult } from '@kairos/sdk'
import { awaitOutcome } from './await-outcome.ts'
import type { CallConfig } from './config.ts'
import { phoneOf } from './phone.ts'

/**
 * Task mode: a `call` task for the contact's owner, due after `due`; the rep
 * completes it with an outcome (`POST /api/tasks/:id/complete`), which emits
 * `call.completed { call: "task:<id>", outcome }`. Without an owner nobody
 * would ever make the call, so the run goes to `failed` at once with the
 * reason rather than waiting out the timeout.
 */
export async function callByTask({ config, contact, now, services }: NodeContext<CallConfig>): Promise<NodeResult> {
  const owner = await services.sales.owner()
  if (!owner) return goTo('failed', { reason: 'contact has no owner to make the call (assign a sales rep first)' })
  const phone = phoneOf(contact, config.to)
  const title = await services.templates.render(config.title, { rep: owner })
  const task = await services.sales.createTask({
    kind: 'call',
    title,
    dueAt: new Date(now.getTime() + parseDuration(config.due)),
    // The number goes on the task so the rep need not look it up; the task is still made without one.
    // Only the number, no words: the Tasks page labels it in the rep's language (an old task's
    // "Phone: …" is read the same way).
    notes: phone ?? undefined,
    repId: owner.id,
  })
  return awaitOutcome(`task:${task.id}`, config.timeout, { task: task.id, rep: owner.id })
}
