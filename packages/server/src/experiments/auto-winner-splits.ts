import { parseDuration } from '@kairos/sdk'
import type { FlowProblem } from '@kairos/engine'
import type { AutoWinnerSplit } from './decide-winner.ts'

interface GraphNode {
  id: string
  type: string
  version?: number
  config?: unknown
}

interface SplitConfigShape {
  arms?: Array<{ port: string }>
  autoWinner?: { after: { minPerArm: number; duration?: string }; confidence?: number }
}

/** The splits of a graph that pick their winner automatically (`split` 2's `autoWinner`). */
export function autoWinnerSplits(graph: { nodes: readonly GraphNode[] }): AutoWinnerSplit[] {
  const splits: AutoWinnerSplit[] = []
  for (const node of graph.nodes) {
    if (node.type !== 'split') continue
    const config = node.config as SplitConfigShape | undefined
    const auto = config?.autoWinner
    if (!auto) continue
    splits.push({
      nodeId: node.id,
      arms: (config.arms ?? []).map((arm) => arm.port),
      minPerArm: auto.after.minPerArm,
      durationMs: auto.after.duration ? parseDuration(auto.after.duration) : null,
      confidence: auto.confidence ?? 0.95,
    })
  }
  return splits
}

/**
 * An auto-winner picks the arm that converts best, so the journey must say
 * what converting is: publishing refuses a split with `autoWinner` in a
 * journey without a goal, naming the split and the field.
 */
export function autoWinnerProblems(graph: { nodes: readonly GraphNode[]; settings?: { goal?: unknown } }): FlowProblem[] {
  if (graph.settings?.goal) return []
  return autoWinnerSplits(graph).map((split) => ({
    node: split.nodeId,
    field: 'config.autoWinner',
    message:
      'picks the arm that converts best, but this journey has no goal: set the journey goal (settings.goal, the event that counts as converted) or turn the automatic winner off',
  }))
}
