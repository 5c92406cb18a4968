import { defineNode, goTo } from '@kairos/sdk'
import { armsOf, SplitConfig, validateSplit } from './config.ts'
import { bucketOf, pickArm } from './pick-arm.ts'
import { i18n } from './i18n.ts'

/**
 * Splits contacts between arms by weight for A/B/n tests. The arm comes from a
 * hash of flow, node and contact, so a contact lands in the same arm every
 * time (re-entry, retries, a republished version) while two splits, or two
 * flows, divide contacts independently. The arm is recorded on the run
 * (`split.<nodeId>`) for reports.
 */
export default defineNode({
  type: 'split',
  version: 1,
  title: 'A/B split',
  category: 'logic',
  description: 'Send each contact down one arm by weight, the same arm every time; optionally hold some out.',
  i18n,
  config: SplitConfig,
  ports: (config) => armsOf(config).map((arm) => arm.port),
  validate: validateSplit,
  async run({ config, contact, run, services }) {
    const port = pickArm(bucketOf(`${run.flowId}:${run.nodeId}:${contact.id}`), armsOf(config))
    await services.run.set({ [`split.${run.nodeId}`]: port })
    return goTo(port, { arm: port })
  },
})
