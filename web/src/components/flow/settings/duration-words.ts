// A duration (`30d`, `1h30m`) in the editor's language for the settings' sentences: "30 days",
// "30 天". Null for text that is not a duration, so a sentence never shows a half-typed value.
import { t } from '../../../i18n/index.ts'

const PART = /(\d+)(ms|s|m|h|d|w)/g

export function durationWords(text: unknown): string | null {
  if (typeof text !== 'string' || !/^(\d+(ms|s|m|h|d|w))+$/.test(text)) return null
  return [...text.matchAll(PART)].map(([, n, unit]) => t(`journeySettings.units.${unit}`, { n: Number(n) }, Number(n))).join(' ')
}
