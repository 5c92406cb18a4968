// Why a run ended, in the editor's language. The server stores the reason as it was decided:
// "exit node <step>" (an end step without a reason of its own), "exitOn: <event>" (the journey's
// exit event), "cancelled by <who>"; an end step's own reason is the operator's words, shown as written.
import { t } from '../i18n/index.ts'

/** The reason as a person reads it; `stepLabel` names a step by its label on the canvas. */
export function exitReasonText(reason: string, stepLabel: (id: string) => string): string {
  const node = /^exit node (.+)$/.exec(reason)
  if (node) return t('inspector.run.exitNode', { step: stepLabel(node[1]) })
  const event = /^exitOn: (.+)$/.exec(reason)
  if (event) return t('inspector.run.exitOn', { event: event[1] })
  const cancelled = /^cancelled by (.+)$/.exec(reason)
  if (cancelled) return t('inspector.run.cancelledBy', { who: cancelled[1] })
  return reason
}
