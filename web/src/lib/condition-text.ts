// One line of plain words for a condition, for the canvas and collapsed builder rows.
import type { Condition } from '../api/types.ts'
import { i18n, t } from '../i18n/index.ts'
import { describeDuration } from './duration.ts'

// Comparisons read as symbols in every language; the rest as the condition builder's words.
const SYMBOLS: Record<string, string> = { gt: '>', gte: '≥', lt: '<', lte: '≤' }
const opWords = (op: string) => SYMBOLS[op] ?? (i18n.global.te(`config.condition.ops.${op}`) ? t(`config.condition.ops.${op}`) : op)

function value(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : JSON.stringify(v)
}

/** A condition in the editor's language, e.g. `tier is "gold" and has tag "vip"`. */
export function describeCondition(condition: Condition | undefined | null): string {
  if (!condition || typeof condition !== 'object') return t('describe.condition.none')
  if ('all' in condition) return condition.all.length === 0 ? t('describe.condition.empty') : condition.all.map(describeCondition).join(t('describe.condition.and'))
  if ('any' in condition) return condition.any.length === 0 ? t('describe.condition.empty') : `(${condition.any.map(describeCondition).join(t('describe.condition.or'))})`
  if ('not' in condition) return t('describe.condition.not', { inner: describeCondition(condition.not) })
  if ('tag' in condition) return t('describe.condition.tag', { tag: condition.tag })
  if ('attribute' in condition)
    return condition.op === 'exists'
      ? t('describe.condition.set', { attribute: condition.attribute })
      : t('describe.condition.compare', { attribute: condition.attribute, op: opWords(condition.op), value: value(condition.value) })
  if ('event' in condition) {
    const duration = (d: string) => describeDuration(d) ?? d
    const since = condition.since === 'entry' ? t('describe.condition.sinceEntry') : condition.since ? t('describe.condition.since', { duration: duration(condition.since) }) : ''
    const within = condition.within ? t('describe.condition.within', { duration: duration(condition.within) }) : ''
    return `${t('describe.condition.event', { event: condition.event || '…' })}${since}${within}`
  }
  return t('describe.condition.other')
}
