// The line under a node's title on the canvas: what it does, in a marketer's words.
// Known core types get a tailored sentence; any other type shows its first filled fields.
import type { Condition, FlowNode } from '../api/types.ts'
import { describeCondition } from './condition-text.ts'
import { describeDuration } from './duration.ts'

type Config = Record<string, unknown>

const known: Record<string, (c: Config) => string> = {
  'trigger.event': (c) => (c.event ? `when ${c.event} happens` : 'choose an event'),
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
