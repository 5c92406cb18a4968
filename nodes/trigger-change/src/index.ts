import { defineNode, goTo, Type } from '@kairos/sdk'
import { i18n } from './i18n.ts'

const Value = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])

/**
 * Enters a contact when a write changes one of its attributes, through the
 * contacts API or a node (update.contact). Evaluated in the writing
 * transaction: a write that leaves the value as it was enters no one.
 */
export default defineNode({
  type: 'trigger.change',
  version: 1,
  title: 'When an attribute changes',
  category: 'trigger',
  description: 'A contact enters when an attribute changes, optionally from one value and to another (stage: lead → mql).',
  i18n,
  config: Type.Object(
    {
      attribute: Type.String({ minLength: 1, description: 'Contact attribute to watch, e.g. stage or tier' }),
      from: Type.Optional({ ...Value, description: 'Only when it was this value (null: it was not set); any value when absent' }),
      to: Type.Optional({ ...Value, description: 'Only when it becomes this value (null: it was removed); any value when absent' }),
    },
    { additionalProperties: false },
  ),
  ports: ['next'],
  trigger: { kind: 'change', change: (config) => ({ attribute: config.attribute, from: config.from, to: config.to }) },
  run: () => goTo('next'),
})
