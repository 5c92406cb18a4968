// The simulator's refusals in the form's words: `body.events[3].at` is "Event 4: time",
// `body.contacts[2]` names the contact, a draft that would not publish lists each step's
// problem by the step's name and the field's label (as the publish panel does).
import { ApiError } from '../../api/client.ts'
import type { FlowNode, NodeType } from '../../api/types.ts'
import { t } from '../../i18n/index.ts'
import { problemText } from '../../lib/api-problem.ts'
import { problemSentence } from '../../lib/problem-labels.ts'
import { humanizeProblems } from '../../lib/problem-text.ts'
import type { SimulationProblem } from './simulation-types.ts'

const EVENT_FIELDS: Record<string, string> = { at: 'at', contact: 'contact', name: 'name', properties: 'properties' }

/** A request path in the form's words; null when it names the request as a whole. */
export function fieldWords(field: string, contacts: string[]): string | null {
  const event = /^body\.events\[(\d+)\](?:\.(\w+))?/.exec(field)
  if (event) {
    const n = Number(event[1]) + 1
    const part = event[2] && EVENT_FIELDS[event[2]]
    return part ? t('simulate.where.event', { n, field: t(`simulate.events.${part}`) }) : t('simulate.where.eventOnly', { n })
  }
  const contact = /^body\.contacts\[(\d+)\]/.exec(field)
  if (contact) return t('simulate.where.contact', { name: contacts[Number(contact[1])] ?? Number(contact[1]) + 1 })
  if (field.startsWith('body.contacts.sample')) return t('simulate.setup.sample')
  if (field.startsWith('body.contacts.segment')) return t('simulate.setup.segment')
  if (field.startsWith('body.contacts')) return t('simulate.setup.contacts')
  if (field.startsWith('body.events')) return t('simulate.setup.events')
  if (field.startsWith('body.horizon')) return t('simulate.setup.horizon')
  if (field.startsWith('body.now')) return t('simulate.setup.start')
  if (field.startsWith('body.version') || field.startsWith('body.draft')) return t('simulate.setup.source')
  return null
}

/**
 * A failed simulation as a headline and its problems. `contacts` are the names the request
 * listed (for `body.contacts[i]`); `stepOf` finds a step and its type for a draft's problems.
 */
export function describeFailure(
  error: unknown,
  contacts: string[],
  stepOf: (id: string) => { node: FlowNode; type: NodeType | undefined } | undefined,
): { headline: string; problems: SimulationProblem[] } {
  if (!(error instanceof ApiError)) return { headline: t('simulate.problems.failed'), problems: [{ where: null, message: (error as Error).message }] }
  if (error.code === 'KAIROS_FLOW_INVALID') {
    const problems = humanizeProblems(error.details).map((d) => {
      const step = d.node ? stepOf(d.node) : undefined
      return { where: step ? t('simulate.where.step', { name: step.node.label || step.node.id }) : null, message: problemSentence(d, step?.type) }
    })
    return { headline: t('simulate.problems.draftInvalid'), problems }
  }
  if (error.status === 429) return { headline: t('simulate.problems.busy'), problems: [] }
  if (error.status === 400 && error.details.length > 0)
    return { headline: t('simulate.problems.badInput'), problems: humanizeProblems(error.details).map((d) => ({ where: fieldWords(d.field, contacts), message: d.message })) }
  return { headline: t('simulate.problems.failed'), problems: [{ where: null, message: problemText(error) }] }
}
