// A value that may be text, a number, true/false or null (trigger.change's `from` and `to`),
// typed into one text box: `mql` is the text mql, `3` the number 3, `true` a yes/no, `null`
// "not set". Quotes force text (`"3"`), for the rare attribute that holds digits as text.
// Only the types the schema allows are read as such: without number, `3` stays text.

import { t } from '../i18n/index.ts'

const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/

/** The value `text` stands for; undefined for an empty box (the field is left out). */
export function readScalar(text: string, types: readonly string[]): unknown {
  const t = text.trim()
  if (t === '') return undefined
  if (t === 'null' && types.includes('null')) return null
  if ((t === 'true' || t === 'false') && types.includes('boolean')) return t === 'true'
  if (NUMBER.test(t)) {
    const n = Number(t)
    if (types.includes('number') || (types.includes('integer') && Number.isInteger(n))) return n
  }
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) {
    try {
      const quoted: unknown = JSON.parse(t)
      if (typeof quoted === 'string') return quoted
    } catch {
      // Not a JSON string ("a"b"): kept as typed below.
    }
  }
  return text
}

/** The text that reads back as `value`: text as is unless it would read as something else. */
export function showScalar(value: unknown, types: readonly string[]): string {
  if (value === undefined) return ''
  if (typeof value === 'string') return readScalar(value, types) === value ? value : JSON.stringify(value)
  return JSON.stringify(value)
}

/** What the box means, in words, under it: `the text "mql"`, `the number 3`. */
export function describeScalar(value: unknown): string | null {
  if (value === undefined) return null
  if (value === null) return t('describe.scalar.null')
  if (typeof value === 'string') return value === '' ? t('describe.scalar.empty') : t('describe.scalar.text', { value })
  if (typeof value === 'number') return t('describe.scalar.number', { value: String(value) })
  if (typeof value === 'boolean') return t('describe.scalar.boolean', { value: String(value) })
  return JSON.stringify(value)
}
