// The simulation's codes in the editor's words: warnings by their code (the server's English
// sentence only for a code this editor does not know), message statuses, channel names, rules.
import { locale, t } from '../../i18n/index.ts'
import { rulePhrase } from '../../lib/delivery-reason.ts'
import type { SimulationResult, SimulationWarning } from './simulation-types.ts'

export function warningText(warning: SimulationWarning, result: SimulationResult): string {
  const contact = warning.contact ?? ''
  switch (warning.code) {
    case 'contact_not_found':
      return t('simulate.warnings.notFound', { contact })
    case 'event_skipped':
      return t('simulate.warnings.eventSkipped', { contact })
    case 'never_entered':
      return contact ? t('simulate.warnings.neverEntered', { contact }) : t('simulate.warnings.moreNeverEntered')
    case 'still_waiting': {
      const n = result.contacts.reduce((sum, c) => sum + c.runs.filter((r) => r.waiting !== null).length, 0)
      return t('simulate.warnings.stillWaiting', { n }, n)
    }
    case 'stopped_early':
      return t('simulate.warnings.stoppedEarly')
    default:
      return warning.message
  }
}

/** A channel as the lists name it: outbox (no provider) in words, others by their name. */
export function channelLabel(channel: string): string {
  return channel === 'outbox' ? t('simulate.messages.outbox') : channel
}

/**
 * A rule of the totals in the editor's language, as the messages word it (delivery-reason.ts), with
 * the zone it was read in when it has one: quiet hours in Berlin and in New York are two rules. A
 * rule the messages recorded only as a sentence is shown as the server wrote it.
 */
export function totalsRuleText(row: SimulationResult['totals']['rules'][number]): string {
  const rule = row.policyRule
  if (!rule) return row.rule
  const phrase = rulePhrase(locale.value, rule)
  return 'timeZone' in rule.params ? t('simulate.totals.ruleIn', { rule: phrase, zone: rule.params.timeZone }) : phrase
}
