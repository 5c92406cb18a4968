// The simulation's codes in the editor's words: warnings by their code (the server's English
// sentence only for a code this editor does not know), message statuses, channel names.
import { t } from '../../i18n/index.ts'
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
