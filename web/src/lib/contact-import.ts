// Turning a CSV of contacts into batch-API writes: which column is what (the mapping), each
// row checked before anything is sent (so one bad row is reported, not a failed batch of 1,000),
// and the rows cut into requests of at most BATCH_SIZE.
import type { SalesRep } from '../api/types.ts'

/** The batch route takes at most this many contacts a request. */
export const BATCH_SIZE = 1000
const MAX_ID = 200
const MAX_KEY = 100
const MAX_TAG = 100

export type ColumnTarget = 'externalId' | 'attribute' | 'tags' | 'owner' | 'skip'
export type ValueType = 'text' | 'number' | 'boolean'

export interface ColumnMapping {
  target: ColumnTarget
  /** For an attribute: its key and how its cells are read. */
  key: string
  type: ValueType
}

export interface ContactWrite {
  externalId: string
  attributes?: Record<string, unknown>
  tags?: string[]
  ownerId?: string | null
}

/** A problem with one row, by its line in the file (the header is line 1). */
export interface RowProblem {
  line: number
  message: string
}

const NUMBER = /^-?\d+(\.\d+)?$/
const BOOLEAN: Record<string, boolean> = { true: true, false: false, yes: true, no: false, 是: true, 否: false, '1': true, '0': false }
const ID_HEADER = /^(external[ _-]?id|id|contact[ _-]?id|客户编号|编号|客户id)$/i
const TAGS_HEADER = /^(tags?|标签)$/i
const OWNER_HEADER = /^(owner|owner[ _-]?id|sales[ _-]?rep|负责人|销售|归属销售)$/i

/** A first guess at each column from its header and its cells. */
export function guessMapping(header: string[], rows: string[][]): ColumnMapping[] {
  let haveId = false
  return header.map((name, i) => {
    const cells = rows.map((r) => (r[i] ?? '').trim()).filter((c) => c !== '')
    const key = name.trim().slice(0, MAX_KEY)
    if (!haveId && ID_HEADER.test(name.trim())) return (haveId = true), { target: 'externalId', key, type: 'text' }
    if (TAGS_HEADER.test(name.trim())) return { target: 'tags', key, type: 'text' }
    if (OWNER_HEADER.test(name.trim())) return { target: 'owner', key, type: 'text' }
    // Phone numbers look numeric but are text: only digits without a leading + or 0 become numbers.
    const numeric = cells.length > 0 && cells.every((c) => NUMBER.test(c) && !/^0\d/.test(c)) && !/phone|mobile|tel|手机|电话/i.test(name)
    return { target: key ? 'attribute' : 'skip', key, type: numeric ? 'number' : 'text' }
  })
}

/** What is wrong with the mapping as a whole, or null: one id column, attribute keys named and distinct. */
export function mappingProblem(mapping: ColumnMapping[]): string | null {
  const ids = mapping.filter((m) => m.target === 'externalId').length
  if (ids === 0) return 'noId'
  if (ids > 1) return 'twoIds'
  const keys = mapping.filter((m) => m.target === 'attribute').map((m) => m.key.trim())
  if (keys.some((k) => k === '' || k.length > MAX_KEY)) return 'emptyKey'
  if (new Set(keys).size !== keys.length) return 'sameKey'
  if (mapping.filter((m) => m.target === 'owner').length > 1) return 'twoOwners'
  return null
}

/** Words for a row problem, from the caller's catalog (`t`). */
export type Say = (key: string, values?: Record<string, unknown>) => string

/**
 * Each row as a write, or its problems. An empty cell leaves that attribute as it is (an import
 * never erases); the owner is a rep's id or name; tags are split on `,` `;` or `|`.
 */
export function buildWrites(rows: string[][], mapping: ColumnMapping[], reps: SalesRep[], say: Say): { writes: Array<{ line: number; write: ContactWrite }>; problems: RowProblem[] } {
  const writes: Array<{ line: number; write: ContactWrite }> = []
  const problems: RowProblem[] = []
  const firstLine = new Map<string, number>()
  const repByName = new Map(reps.map((r) => [r.name, r.id]))
  const repIds = new Set(reps.map((r) => r.id))
  rows.forEach((row, index) => {
    const line = index + 2
    const wrong: string[] = []
    const write: ContactWrite = { externalId: '' }
    mapping.forEach((m, i) => {
      const cell = (row[i] ?? '').trim()
      if (m.target === 'externalId') write.externalId = cell
      else if (m.target === 'tags' && cell) {
        const tags = cell.split(/[,;|，；]/).map((t) => t.trim()).filter(Boolean)
        if (tags.some((t) => t.length > MAX_TAG)) wrong.push(say('contacts.import.problems.tagTooLong', { column: m.key }))
        write.tags = tags
      } else if (m.target === 'owner' && cell) {
        const id = repIds.has(cell) ? cell : repByName.get(cell)
        if (id) write.ownerId = id
        else wrong.push(say('contacts.import.problems.unknownOwner', { owner: cell }))
      } else if (m.target === 'attribute' && cell) {
        let value: unknown = cell
        if (m.type === 'number') {
          if (!NUMBER.test(cell)) wrong.push(say('contacts.import.problems.notNumber', { column: m.key, value: cell }))
          value = Number(cell)
        } else if (m.type === 'boolean') {
          const b = BOOLEAN[cell.toLowerCase()]
          if (b === undefined) wrong.push(say('contacts.import.problems.notBoolean', { column: m.key, value: cell }))
          value = b
        }
        write.attributes = { ...write.attributes, [m.key.trim()]: value }
      }
    })
    if (!write.externalId) wrong.unshift(say('contacts.import.problems.noId'))
    else if (write.externalId.length > MAX_ID) wrong.unshift(say('contacts.import.problems.idTooLong'))
    else if (firstLine.has(write.externalId)) wrong.unshift(say('contacts.import.problems.repeated', { id: write.externalId, line: firstLine.get(write.externalId) }))
    else firstLine.set(write.externalId, line)
    if (wrong.length) problems.push(...wrong.map((message) => ({ line, message })))
    else writes.push({ line, write })
  })
  return { writes, problems }
}

/** Cuts `items` into requests of at most `size`. */
export function batches<T>(items: T[], size = BATCH_SIZE): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** The row index a batch error names (`body.contacts[12].attributes`), or null. */
export function rowOfField(field: string): number | null {
  const match = /^body\.contacts\[(\d+)\]/.exec(field)
  return match ? Number(match[1]) : null
}
