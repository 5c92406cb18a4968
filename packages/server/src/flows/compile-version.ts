import { compileFlow, pinVersions, validateFlow, type CompiledFlow, type FlowGraph, type FlowProblem, type NodeRegistry } from '@kairos/engine'
import type { Db } from '../db/connect.ts'
import { KairosError } from '../errors.ts'
import { triggerProblems } from '../triggers/publish-triggers.ts'
import { channelProblems, type ChannelKinds } from './channel-problems.ts'
import { calendarProblems } from './calendar-problems.ts'
import { autoWinnerProblems } from '../experiments/auto-winner-splits.ts'

/**
 * A draft graph as publishing freezes it: validated (every problem, by node
 * and field, at once), node versions pinned, compiled, and checked against
 * what only the database knows (segments, channels and holiday calendars it names, key-share
 * locked in `trx` until it ends). Throws KAIROS_FLOW_INVALID. Publishing and
 * the journey simulator both take drafts through here, so a simulated draft
 * is exactly what would be published. `channelKinds` reads the template rule of the kinds
 * the flow's channels are of.
 */
export async function compileVersion(trx: Db, draft: unknown, registry: NodeRegistry, channelKinds?: ChannelKinds): Promise<{ graph: FlowGraph; compiled: CompiledFlow }> {
  const copy = structuredClone(draft)
  const problems: FlowProblem[] = validateFlow(copy, registry)
  if (problems.length === 0) problems.push(...autoWinnerProblems(copy as FlowGraph))
  if (problems.length > 0) throw new KairosError('KAIROS_FLOW_INVALID', `flow cannot be published: ${problems.length} problem(s)`, problems)
  const graph = pinVersions(copy as FlowGraph, registry)
  let compiled: CompiledFlow
  try {
    compiled = compileFlow(graph, registry)
  } catch (error) {
    throw new KairosError('KAIROS_FLOW_INVALID', `flow cannot be published: ${(error as Error).message}`, [
      { node: null, field: 'graph', message: (error as Error).message },
    ])
  }
  const stored = [...(await triggerProblems(trx, compiled)), ...(await channelProblems(trx, compiled, channelKinds)), ...(await calendarProblems(trx, compiled))]
  if (stored.length > 0) throw new KairosError('KAIROS_FLOW_INVALID', `flow cannot be published: ${stored.length} problem(s)`, stored)
  return { graph, compiled }
}
