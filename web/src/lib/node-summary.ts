// The line under a node's title on the canvas: what it does, in a marketer's words.
// Known core types get a tailored sentence; any other type shows its first filled fields.
import type { Condition, FlowNode } from '../api/types.ts'
import { fieldText, portLabel, type Translated } from './node-text.ts'
import { locale, t } from '../i18n/index.ts'
import { describeCondition } from './condition-text.ts'
import { describeDuration } from './duration.ts'

type Config = Record<string, unknown>

const day = (d: string) => (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].includes(d) ? t(`canvas.summary.days.${d}`) : d)
const s = (key: string, values: Record<string, unknown> = {}) => t(`canvas.summary.${key}`, values)
/** A compared value as typed: text bare, anything else as JSON (null, true, 3). */
const literal = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v))

const known: Record<string, (c: Config, nodeType: Translated) => string> = {
  'trigger.event': (c) => (c.event ? s('whenEvent', { event: c.event }) : s('chooseEvent')),
  'trigger.schedule': (c) => {
    const days = Array.isArray(c.days) && c.days.length ? c.days.map((d) => day(String(d))).join(', ') : s('everyDay')
    const when = c.cron ? `cron ${c.cron}` : c.at ? s('daysAt', { days, at: c.at }) : s('chooseTime')
    const who = c.segment ? s('aSegment') : c.condition ? describeCondition(c.condition as Condition) : c.everyone ? s('everyone') : s('chooseWho')
    return `${when} · ${who}`
  },
  'trigger.date': (c) => {
    if (!c.attribute) return s('chooseDate')
    // A whole-day offset in words ("subscription_end前 3 天"), not its code ("-3d").
    const offset = typeof c.offset === 'string' ? /^([+-]?)0*(\d+)d$/.exec(c.offset) : null
    const date = offset && offset[2] !== '0'
      ? s(offset[1] === '-' ? 'daysBefore' : 'daysAfter', { a: String(c.attribute), d: describeDuration(`${offset[2]}d`) ?? `${offset[2]}d` })
      : String(c.attribute)
    return s(c.repeat === 'yearly' ? 'dateAtYearly' : 'dateAt', { date, at: c.at ?? '…' })
  },
  'trigger.change': (c) => {
    if (!c.attribute) return s('chooseAttribute')
    if ('from' in c && 'to' in c) return `${c.attribute}: ${literal(c.from)} → ${literal(c.to)}`
    if ('to' in c) return c.to === null ? s('removed', { a: c.attribute }) : s('becomes', { a: c.attribute, v: literal(c.to) })
    if ('from' in c) return c.from === null ? s('getsValue', { a: c.attribute }) : s('leaves', { a: c.attribute, v: literal(c.from) })
    return s('changes', { a: c.attribute })
  },
  wait: (c) => (c.for ? s('waitFor', { d: describeDuration(c.for) ?? c.for }) : s('chooseHowLong')),
  'wait.event': (c) => (c.event ? s('waitEvent', { event: c.event, d: describeDuration(c.timeout) ?? c.timeout ?? '…' }) : s('chooseEvent')),
  branch: (c, nodeType) => {
    const first = (c.branches as Array<{ port: string; when: Condition }> | undefined)?.[0]
    return first ? `${portLabel(nodeType, first.port)}: ${describeCondition(first.when)}` : s('addCondition')
  },
  tag: (c) => {
    const add = (c.add as string[] | undefined) ?? []
    const remove = (c.remove as string[] | undefined) ?? []
    return [...add.map((tag) => `+${tag}`), ...remove.map((tag) => `−${tag}`)].join(' ') || s('chooseTags')
  },
  'send.sms': (c) => {
    const template = c.template as { code?: unknown } | undefined
    if (typeof template?.code === 'string' && template.code) return t('smsTemplate.summary', { code: template.code })
    return typeof c.text === 'string' && c.text ? `“${c.text}”` : s('writeMessage')
  },
  'wait.until': (c) => {
    const date = c.date as { attribute?: string; offset?: string } | undefined
    const on = date?.attribute ? s('onDate', { date: `${date.attribute}${date.offset && date.offset !== '0d' ? ` ${date.offset}` : ''}` }) : ''
    const days = Array.isArray(c.days) && c.days.length ? ` (${c.days.map((d) => day(String(d))).join(', ')})` : ''
    return c.at ? `${s('until', { at: c.at })}${on}${days}` : s('chooseTime')
  },
  // Each arm's share of contacts, as the weights divide them ("a 50% · b 50% · holdout 10%").
  split: (c, nodeType) => {
    const arms = (c.arms as Array<{ port: string; weight: number }> | undefined) ?? []
    const holdout = (c.holdout as { weight?: number } | undefined)?.weight
    const weights = [...arms.map((a) => [a.port, a.weight] as const), ...(holdout ? [['holdout', holdout] as const] : [])]
    const total = weights.reduce((sum, [, w]) => sum + (Number(w) || 0), 0)
    if (arms.length < 2 || total <= 0) return s('addArms')
    const percent = new Intl.NumberFormat(locale.value, { style: 'percent', maximumFractionDigits: 1 })
    const shares = weights.map(([port, w]) => s('splitArm', { arm: portLabel(nodeType, port), share: percent.format((Number(w) || 0) / total) })).join(' · ')
    return c.autoWinner ? `${shares} · ${s('splitAuto')}` : shares
  },
  exit: (c) => (typeof c.reason === 'string' && c.reason ? c.reason : s('endOfJourney')),
}

/**
 * The summary of a step; `nodeType` (when known) names other types' fields and choices in the
 * editor's language from the node's own translations (外呼方式: 销售任务, not mode: task).
 */
export function summarize(node: FlowNode, nodeType?: Translated): string {
  const config = (node.config ?? {}) as Config
  const tailored = known[node.type]
  if (tailored) return tailored(config, nodeType)
  const parts = Object.entries(config)
    .filter(([, v]) => v !== '' && v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
    .slice(0, 2)
    .map(([k, v]) => {
      const text = fieldText(nodeType, k)
      const shown = typeof v === 'object' ? JSON.stringify(v) : String(v)
      return `${text?.title ?? k}: ${(typeof v === 'string' && text?.enum?.[v]) || shown}`
    })
  return parts.join(' · ')
}
