// A publish warning about an unknown template variable in the editor's language, naming the step
// and the field by their labels: "Renewal SMS › Text uses {{ contact.tier }}, which no contact has".
import type { NodeType } from '../api/types.ts'
import type { VariableWarning } from '../composables/usePublishWarnings.ts'
import { t } from '../i18n/index.ts'
import { fieldLabel } from './problem-labels.ts'

/** The sentence; `step` is the step's label (or its type's title) when the list names several steps. */
export function variableWarningSentence(warning: VariableWarning, nodeType: Pick<NodeType, 'configSchema'> | undefined, step?: string): string {
  const field = fieldLabel(warning.field, nodeType) ?? warning.field
  const where = step ? `${step} › ${field}` : field
  const events = warning.events.map((e) => `“${e}”`).join(t('publishWarnings.or'))
  return t(`publishWarnings.reasons.${warning.reason}`, { where, variable: `{{ ${warning.variable} }}`, events })
}
