// Publish problems named the way the form names things: a field by its label (the schema's
// title, else its key in words), never by its path (`config.pool`); template errors from
// Liquid (`expected "|" before filter, line:1, col:30`) as a sentence with the place in words.
import type { JsonSchema, NodeType } from '../api/types.ts'
import { t } from '../i18n/index.ts'
import { nodeTextIn } from './node-text.ts'
import { labelFor } from './schema.ts'

/** `config.branches[0].port` → ['branches', 0, 'port']. */
export function pathSegments(field: string): Array<string | number> {
  return field
    .replace(/^config\.?/, '')
    .split(/\.|\[(\d+)\]/)
    .filter((s) => s !== undefined && s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s))
}

/**
 * The field's label in the node's form, parents first: "Branches › 1 › Port" (in the editor's
 * language from the node's translations: "分支 › 1 › 出口名称"). Null for the node itself.
 */
export function fieldLabel(field: string, nodeType: (Pick<NodeType, 'configSchema'> & Partial<Pick<NodeType, 'i18n'>>) | undefined): string | null {
  if (field === '' || field === 'id' || field === 'config' || field === 'type' || field === 'node') return null
  if (!field.startsWith('config')) return labelFor(field.split('.').pop() ?? field, {})
  let schema: JsonSchema | undefined = nodeType?.configSchema
  const translated = nodeTextIn(nodeType ? { i18n: nodeType.i18n ?? {} } : undefined)?.fields ?? {}
  const names: string[] = []
  const labels: string[] = []
  for (const segment of pathSegments(field)) {
    if (typeof segment === 'number') {
      labels.push(String(segment + 1))
      schema = schema?.items as JsonSchema | undefined
      continue
    }
    const inner: JsonSchema | undefined = schema?.properties?.[segment]
    names.push(segment)
    labels.push(translated[names.join('.')]?.title ?? labelFor(segment, inner ?? {}))
    schema = inner
  }
  return labels.length ? labels.join(' › ') : null
}

export interface TemplateMistake {
  line: number
  column: number
  sentence: string
}

/** Liquid's parse error as a sentence and its place, or null when the message is not one. */
export function templateMistake(message: string): TemplateMistake | null {
  const place = message.match(/line:\s*(\d+),\s*col:\s*(\d+)/)
  if (!place) return null
  const line = Number(place[1])
  const column = Number(place[2])
  const what = message.replace(/,?\s*line:\s*\d+,\s*col:\s*\d+.*$/, '').trim()
  const known: Array<[RegExp, string]> = [
    [/^expected "\|" before filter/, 'canvas.problems.liquid.filter'],
    [/^expected filter name/, 'canvas.problems.liquid.filterName'],
    [/^output .* not closed/, 'canvas.problems.liquid.outputOpen'],
    [/^tag .* not closed/, 'canvas.problems.liquid.tagOpen'],
    [/^tag .* not found/, 'canvas.problems.liquid.unknownTag'],
    [/^undefined filter/, 'canvas.problems.liquid.unknownFilter'],
    [/^unexpected token/, 'canvas.problems.liquid.unexpected'],
  ]
  const hit = known.find(([pattern]) => pattern.test(what))
  const name = what.match(/(?:filter|tag)[: ]+"?([\w.-]+)"?/)?.[1] ?? ''
  const sentence = t(hit ? hit[1] : 'canvas.problems.liquid.other', { line, column, name, detail: what })
  return { line, column, sentence }
}

/** A problem as one sentence: "Coupon pool: cannot be empty"; a template mistake in words. */
export function problemSentence(problem: { field: string; message: string }, nodeType: Pick<NodeType, 'configSchema'> | undefined): string {
  const mistake = templateMistake(problem.message)
  const message = mistake ? mistake.sentence : problem.message
  const label = fieldLabel(problem.field, nodeType)
  return label ? `${label}: ${message}` : message
}
