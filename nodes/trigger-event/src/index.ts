import { defineNode, goTo, Type, validateWhere } from '@kairos/sdk'
import { i18n } from './i18n.ts'

/** Enters a contact into the flow when it does `event` (optionally matching `where`). */
export default defineNode({
  type: 'trigger.event',
  version: 1,
  title: 'When an event happens',
  category: 'trigger',
  description: 'A contact enters the journey when this event arrives for them.',
  i18n,
  config: Type.Object(
    {
      event: Type.String({ minLength: 1, description: 'Event name, e.g. cart_added' }),
      where: Type.Optional(
        Type.Record(Type.String(), Type.Unknown(), {
          description: 'Only events whose properties match: { "sku": "A1", "amount": { "gte": 100 } }',
        }),
      ),
    },
    { additionalProperties: false },
  ),
  ports: ['next'],
  trigger: { kind: 'event', events: (config) => [config.event], where: (config) => config.where },
  validate: (config) => validateWhere(config.where, 'config.where'),
  run: () => goTo('next'),
})
