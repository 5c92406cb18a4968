import type { ChannelMessage, ChannelTemplates, TemplateMessage } from '../define-channel.ts'
import { EffectFailure } from '../effects/effect-policy.ts'

/** A problem with a step's template for a template-only channel: the config field and what is wrong, in plain words. */
export interface TemplateProblem {
  field: string
  message: string
}

const isText = (value: unknown): value is string => typeof value === 'string'

/**
 * The template a message carries (`message.data.template`), for a kind that sends
 * only approved templates. A message without one fails for good: an older step, or
 * one that was not checked at publish, cannot be sent as free text.
 */
export function templateOf(message: ChannelMessage, kind: string): TemplateMessage {
  const template = (message.data as { template?: { code?: unknown; params?: unknown } } | null)?.template
  const params = template?.params
  if (!template || !isText(template.code) || template.code === '' || params === null || typeof params !== 'object' || !Object.values(params).every(isText))
    throw new EffectFailure(`channel kind ${kind} sends approved templates only, and this message has no template (a code and its parameters); use send.sms version 4 with a template`, { retry: false })
  return { code: template.code, params: params as Record<string, string> }
}

/**
 * Parameters named 1, 2, 3 … in order (Tencent's `{1}`, `{2}`), as the list the provider
 * takes. Throws for a name that is not a number (checked at publish, so only an
 * unchecked message gets here).
 */
export function numberedParams(params: Record<string, string>, kind: string): string[] {
  const names = Object.keys(params)
  const problem = numberingProblem(names)
  if (problem) throw new EffectFailure(`channel kind ${kind}: ${problem}`, { retry: false })
  return names.sort((a, b) => Number(a) - Number(b)).map((name) => params[name]!)
}

function numberingProblem(names: string[]): string | null {
  const bad = names.find((name) => !/^[1-9]\d*$/.test(name))
  if (bad !== undefined) return `parameters are numbered 1, 2, 3 … as in the template's {1}, {2}; "${bad}" is not a number`
  const numbers = names.map(Number).sort((a, b) => a - b)
  const gap = numbers.findIndex((n, i) => n !== i + 1)
  return gap === -1 ? null : `parameters are numbered 1, 2, 3 … with no gap; {${gap + 1}} is missing`
}

/**
 * What publishing finds wrong with a step's template for a channel of `kind`: a
 * template-only kind (`rule`) needs one, with a code of the kind's form and parameters
 * named as the kind names them; a kind that sends free text takes none. `field` is the
 * config field holding the template (`config.template`).
 */
export function templateProblems(
  rule: ChannelTemplates | undefined,
  use: { kind: string; channel: string; field: string; template: unknown },
): TemplateProblem[] {
  const { kind, channel, field, template } = use
  if (!rule) {
    return template === undefined
      ? []
      : [{ field, message: `channel "${channel}" (${kind}) sends free text, not provider templates: clear the template and write the message text` }]
  }
  if (template === undefined || template === null)
    return [{ field, message: `channel "${channel}" (${kind}) sends only templates the provider approved: set the template code and its parameters` }]
  const { code, params } = template as { code?: unknown; params?: unknown }
  const problems: TemplateProblem[] = []
  if (!isText(code) || code === '') problems.push({ field: `${field}.code`, message: `the template code is missing (the code of an approved template, e.g. ${rule.codeExample ?? 'from the provider\'s console'})` })
  else if (rule.codePattern && !new RegExp(rule.codePattern).test(code))
    problems.push({ field: `${field}.code`, message: `"${code}" is not a ${kind} template code${rule.codeExample ? ` (they look like ${rule.codeExample})` : ''}` })
  if (rule.params === 'numbered' && params !== null && typeof params === 'object') {
    const problem = numberingProblem(Object.keys(params))
    if (problem) problems.push({ field: `${field}.params`, message: `${kind} ${problem}` })
  }
  return problems
}
