import type { CompiledFlow, WaitState } from '@kairos/engine'
import type { ErrorDetail } from '../errors.ts'

/**
 * Where the operator sends the contacts waiting at a step of the live version (by its id): a step
 * of the new version, or null to let them finish on the live version. A step left out goes to the
 * step of the same id in the new version, or, when the new version has none, finishes where it is.
 */
export type MoveMapping = Record<string, string | null>

/** The runs waiting at one step of the live version, and every port their waits may leave through. */
export interface WaitingGroup {
  node: string
  runs: number
  ports: Set<string>
}

/** What becomes of the contacts waiting at one step. */
export interface NodeMove {
  node: string
  /** The step's node type in the live version. */
  type: string
  waiting: number
  /** The step of the new version they move to; null: they finish on the live version. */
  to: string | null
  /** same: the new version has the step under its id; mapped: the operator chose `to`; removed: the step is gone and no target was chosen; kept: the operator chose to let them finish. */
  reason: 'same' | 'mapped' | 'removed' | 'kept'
  /** The target's settings differ from the step's: the waits keep the wake time and event they started with (docs/versions.md). */
  settingsDiffer: boolean
}

/** Every port a waiting run's wait names: the one its time-out takes, the ones an event, delivery or effect takes. */
export function portsOfWait(wait: WaitState | null): string[] {
  if (!wait) return []
  const named = [wait.timeoutPort, wait.receivedPort, wait.sentPort, wait.failedPort, wait.suppressedPort, wait.donePort, wait.resume?.port]
  return [...named, ...Object.values(wait.portBy?.ports ?? {})].filter((p): p is string => typeof p === 'string')
}

/**
 * Resolves each waiting step's target from the mapping and checks it can hold the runs: a run moves
 * only to a step of the same node type (its wait was made by that type: a timer, an event with its
 * ports, a delivery or an effect), and the target must have every port the runs' waits leave through.
 * Returns the moves, and every problem at once, each naming the step (field body.migrate.mapping.<step>).
 */
export function resolveMoves(
  live: { version: number; flow: CompiledFlow },
  next: CompiledFlow,
  groups: WaitingGroup[],
  mapping: MoveMapping,
): { moves: NodeMove[]; problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = []
  const problem = (node: string, message: string) => problems.push({ node, field: `body.migrate.mapping.${node}`, message })
  const byNode = new Map(groups.map((g) => [g.node, g]))
  // Steps named in the mapping that nobody waits at are checked too: a typo should not pass unseen.
  for (const node of Object.keys(mapping))
    if (!live.flow.nodes.has(node)) problem(node, `v${live.version} has no step "${node}"`)
    else if (!byNode.has(node)) byNode.set(node, { node, runs: 0, ports: new Set() })

  const moves: NodeMove[] = []
  for (const group of byNode.values()) {
    const source = live.flow.nodes.get(group.node)!
    const chosen = Object.hasOwn(mapping, group.node)
    const to = chosen ? mapping[group.node] : next.nodes.has(group.node) ? group.node : null
    const reason: NodeMove['reason'] = chosen ? (to === null ? 'kept' : 'mapped') : to === null ? 'removed' : 'same'
    const target = to === null ? undefined : next.nodes.get(to)
    if (to !== null && !target) problem(group.node, `the new version has no step "${to}"`)
    else if (target && target.node.type !== source.node.type)
      problem(
        group.node,
        reason === 'same'
          ? `"${group.node}" is a ${target.node.type} in the new version, no longer a ${source.node.type}: map its waiting contacts to a ${source.node.type} step, or to null to let them finish on v${live.version}`
          : `contacts waiting at "${group.node}" (a ${source.node.type}) can move only to a step of the same type; "${to}" is a ${target.node.type}`,
      )
    else if (target) {
      const missing = [...group.ports].filter((port) => !target.ports.includes(port))
      if (missing.length > 0) problem(group.node, `"${to}" has no port ${missing.map((p) => `"${p}"`).join(', ')}, which contacts waiting at "${group.node}" leave through`)
    }
    moves.push({
      node: group.node, type: source.node.type, waiting: group.runs, to, reason,
      settingsDiffer: target !== undefined && JSON.stringify(target.node.config ?? {}) !== JSON.stringify(source.node.config ?? {}),
    })
  }
  moves.sort((a, b) => b.waiting - a.waiting || a.node.localeCompare(b.node))
  return { moves, problems }
}

/** The move in words, as the dry run answers it: "31 contacts waiting at wait_3d move to wait_2d". */
export function moveSentence(move: NodeMove, liveVersion: number): string {
  const who = `${move.waiting} ${move.waiting === 1 ? 'contact' : 'contacts'}`
  if (move.to !== null)
    return `${who} waiting at ${move.node} move to ${move.to}${move.settingsDiffer ? ', keeping the wait they started (its wake time and what it waits for)' : ''}`
  return move.reason === 'removed' ? `${move.waiting} at removed step ${move.node} finish on v${liveVersion}` : `${who} waiting at ${move.node} finish on v${liveVersion}`
}
