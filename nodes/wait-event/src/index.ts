import { defineNode, Duration, Type, validateWhere, waitForEvent } from '@kairos/sdk'
import { i18n } from './i18n.ts'

/** Waits for the contact's next `event` or the timeout; exactly one of the two wins. */
export default defineNode({
  type: 'wait.event',
  version: 1,
  title: 'Wait for an event',
  category: 'wait',
  description: 'Go on through "received" when the event arrives, or through "timeout" when the time is up.',
  i18n,
  config: Type.Object(
    {
      event: Type.String({ minLength: 1, description: 'Event name, e.g. order_placed' }),
      where: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Only events whose properties match' })),
      timeout: Duration,
    },
    { additionalProperties: false },
  ),
  ports: ['received', 'timeout'],
  validate: (config) => validateWhere(config.where, 'config.where'),
  run: ({ config }) =>
    waitForEvent({
      event: config.event,
      where: config.where,
      timeout: { for: config.timeout },
      ports: { received: 'received', timeout: 'timeout' },
    }),
})
