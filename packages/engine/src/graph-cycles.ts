/**
 * The cycles of a directed graph, as its strongly connected components with
 * more than one node or a self-loop (Tarjan's algorithm, iterative-safe for
 * flow-sized graphs).
 */
export function findCycles(nodes: string[], outgoing: Map<string, string[]>): string[][] {
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []

  const visit = (node: string): void => {
    index.set(node, counter)
    low.set(node, counter++)
    stack.push(node)
    onStack.add(node)
    for (const next of outgoing.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node)!, low.get(next)!))
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!))
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = []
      let member: string
      do {
        member = stack.pop()!
        onStack.delete(member)
        component.unshift(member)
      } while (member !== node)
      const selfLoop = (outgoing.get(node) ?? []).includes(node)
      if (component.length > 1 || selfLoop) cycles.push(component)
    }
  }
  for (const node of nodes) if (!index.has(node)) visit(node)
  return cycles
}
