import { mapStrings, parsePlaceholder, referenceUses, type ReferenceUse } from './placeholders.ts'
import { layoutNodes } from './starter-layout.ts'
import { REFERENCE_GROUP, type StarterFile, type StarterLanguage } from './starter-file.ts'

/** What an import binds each reference key to: a channel's name, a coupon pool's id, a segment's id. */
export interface StarterBindings {
  channels?: Record<string, string>
  pools?: Record<string, string>
  segments?: Record<string, string>
}

/**
 * A starter's flow document in one language with the team's bindings filled in,
 * and the references left unbound. An unbound channel keeps its placeholder
 * name (`sms-marketing`): a channel of that name, once created, is used, and
 * until then publishing says the channel does not exist. An unbound pool or
 * segment leaves its field out, so publishing asks for it ("give a pool or a
 * pattern", "give the audience…") rather than accept an id that names nothing.
 */
export function starterGraph(file: StarterFile, language: StarterLanguage, bindings: StarterBindings = {}): { graph: unknown; unbound: ReferenceUse[] } {
  const texts = file.texts[language]
  const graph = mapStrings(file.graph, (text) => {
    const found = parsePlaceholder(text)
    if (!found) return text
    if ('text' in found) return texts[found.text]
    const bound = bindings[REFERENCE_GROUP[found.kind]]?.[found.key]
    if (bound !== undefined) return bound
    return found.kind === 'channel' ? found.key : undefined
  }) as { nodes: Array<Record<string, unknown>>; edges: Array<{ source: string; target: string }> }
  const unbound = referenceUses(file.graph).filter((use) => bindings[REFERENCE_GROUP[use.kind]]?.[use.key] === undefined)
  const positions = layoutNodes(graph.nodes.map((n) => n.id as string), graph.edges)
  for (const node of graph.nodes) node.position ??= positions.get(node.id as string)
  return { graph, unbound }
}
