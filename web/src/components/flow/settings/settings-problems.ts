// The journey settings' publish problems named the way the panel names them: "Frequency cap 1 ›
// how many: …", "Cooldown: …", never `settings.caps[0].max`. Messages the server words for a
// developer ('is required when reentry is "after" (e.g. 30d)') are said again in plain words.
import type { ErrorDetail } from '../../../api/types.ts'
import { i18n, t } from '../../../i18n/index.ts'

const FIELD_KEYS: Record<string, string> = {
  'goal.event': 'goalEvent',
  'goal.within': 'goalWithin',
  'quietHours.from': 'quietFrom',
  'quietHours.to': 'quietTo',
}

/** `settings.caps[0].max` → "Frequency cap 1 › how many"; an unknown field by its own name, never a path. */
export function settingsFieldLabel(field: string): string {
  const rest = field.replace(/^(graph\.)?settings\.?/, '')
  const cap = /^caps\[(\d+)\](?:\.(\w+))?/.exec(rest)
  if (cap) {
    const item = t('journeySettings.problems.capItem', { n: Number(cap[1]) + 1 })
    return cap[2] ? `${item} › ${fieldWord(cap[2])}` : item
  }
  return fieldWord(FIELD_KEYS[rest] ?? rest)
}

function fieldWord(key: string): string {
  const path = `journeySettings.problems.fields.${key}`
  return i18n.global.te(path) ? t(path) : key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
}

/** The message in plain words: the cooldown's developer wording rewritten, others as the server (already humanized) sent them. */
export function settingsMessage(problem: ErrorDetail): string {
  if (/reentryAfter$/.test(problem.field) && /required/.test(problem.message)) return t('journeySettings.problems.required')
  return problem.message
}

/** One sentence per problem: "Cooldown: choose how long…". */
export function settingsProblemSentence(problem: ErrorDetail): string {
  return `${settingsFieldLabel(problem.field)}: ${settingsMessage(problem)}`
}
