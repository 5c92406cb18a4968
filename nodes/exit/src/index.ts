import { defineNode, exitRun, Type } from '@kairos/sdk'
import { i18n } from './i18n.ts'

/** Ends the run here (status `exited`), e.g. after a goal is met. */
export default defineNode({
  type: 'exit',
  version: 1,
  title: 'Exit',
  category: 'exit',
  description: 'End the journey for this contact.',
  i18n,
  config: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
  ports: [],
  run: ({ config }) => exitRun(config.reason),
})
