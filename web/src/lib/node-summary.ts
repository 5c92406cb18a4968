// The line under a node's title on the canvas: what it does, in a marketer's words.
// Known core types get a tailored sentence; any other type shows its first filled fields.
import type { Condition, FlowNode } from '../api/types.ts'
import { describeCondition } from './condition-text.ts'
import { describeDuration } from './duration.ts'

type Config = Record<string, unknown>

const DAY_NAMES: Record<string, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' }
/** A compared value as typed: text bare, anything else as JSON (null, true, 3). */
const literal = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v))

const known: Record<string, (c: Config) => string> = {
  'trigger.event': (c) => (c.event ? `when ${c.event} happens` : 'choose an event'),
  'trigger.schedule': (c) => {
    const days = Array.isArray(c.days) && c.days.length ? c.days.map((d) => DAY_NAMES[String(d)] ?? d).join(', ') : 'every day'
    const when = c.cron ? `cron ${c.cron}` : c.at ? `${days} at ${c.at}` : 'choose a time'
    const who = c.segment ? 'a segment' : c.condition ? describeCondition(c.condition as Condition) : c.everyone ? 'everyone' : 'choose who'
    return `${when} · ${who}`
  },
  'trigger.date': (c) => {
    if (!c.attribute) return 'choose a date attribute'
    const offset = typeof c.offset === 'string' && !/^[+-]?0+d$/.test(c.offset) ? ` ${c.offset}` : ''
    return `${c.attribute}${offset} at ${c.at ?? '…'}${c.repeat === 'yearly' ? ', yearly' : ''}`
  },
  'trigger.change': (c) => {
    if (!c.attribute) return 'choose an attribute'
    if ('from' in c && 'to' in c) return `${c.attribute}: ${literal(c.from)} → ${literal(c.to)}`
    if ('to' in c) return c.to === null ? `${c.attribute} is removed` : `${c.attribute} becomes ${literal(c.to)}`
    if ('from' in c) return c.from === null ? `${c.attribute} gets a value` : `${c.attribute} leaves ${literal(c.from)}`
    return `when ${c.attribute} changes`
  },
  wait: (c) => (c.for ? `wait ${describeDuration(c.for) ?? c.for}` : 'choose how long'),
  'wait.event': (c) => (c.event ? `until ${c.event}, at most ${describeDuration(c.timeout) ?? c.timeout ?? '…'}` : 'choose an event'),
  branch: (c) => {
    const first = (c.branches as Array<{ port: string; when: Condition }> | undefined)?.[0]
    return first ? `${first.port}: ${describeCondition(first.when)}` : 'add a condition'
  },
  tag: (c) => {
    const add = (c.add as string[] | undefined) ?? []
    const remove = (c.remove as string[] | undefined) ?? []
    return [...add.map((t) => `+${t}`), ...remove.map((t) => `−${t}`)].join(' ') || 'choose tags'
  },
  'send.sms': (c) => (typeof c.text === 'string' && c.text ? `“${c.text}”` : 'write the message'),
  'wait.until': (c) => {
    const date = c.date as { attribute?: string; offset?: string } | undefined
    const on = date?.attribute ? ` on ${date.attribute}${date.offset && date.offset !== '0d' ? ` ${date.offset}` : ''}` : ''
    const days = Array.isArray(c.days) && c.days.length ? ` (${c.days.join(', ')})` : ''
    return c.at ? `until ${c.at}${on}${days}` : 'choose a time'
  },
  exit: (c) => (typeof c.reason === 'string' && c.reason ? c.reason : 'end of journey'),
}

export function summarize(node: FlowNode): string {
  const config = (node.config ?? {}) as Config
  const tailored = known[node.type]
  if (tailored) return tailored(config)
  const parts = Object.entries(config)
    .filter(([, v]) => v !== '' && v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
    .slice(0, 2)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
  return parts.join(' · ')
}
