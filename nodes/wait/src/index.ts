import { defineNode, Duration, Type, waitFor } from '@kairos/sdk'
import { i18n } from './i18n.ts'

/** Holds the run for a duration; durable (a queue job), so a restart loses nothing. */
export default defineNode({
  type: 'wait',
  version: 1,
  title: 'Wait',
  category: 'wait',
  description: 'Pause the journey for a while, e.g. 30m or 3d.',
  i18n,
  config: Type.Object({ for: Duration }, { additionalProperties: false }),
  ports: ['next'],
  run: ({ config }) => waitFor(config.for, 'next'),
})
