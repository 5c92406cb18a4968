import { defineNode, goTo, Type, type Static } from '@kairos/sdk'
import { armsOf, HOLDOUT, SplitConfig, validateSplit } from './config.ts'
import { bucketOf, pickArm } from './pick-arm.ts'
import { AutoWinner } from './auto-winner.ts'
import { i18nV2 } from './i18n.ts'

/** Version 1's arms and holdout, plus the optional auto-winner. */
export const SplitConfigV2 = Type.Object({ ...SplitConfig.properties, autoWinner: Type.Optional(AutoWinner) }, { additionalProperties: false })
export type SplitConfigV2 = Static<typeof SplitConfigV2>

/**
 * Version 1 with an auto-winner: the arm still comes from the hash of flow,
 * node and contact, but once the experiment has decided (a job outside run(),
 * read through `services.experiments`), contacts who would have gone down any
 * arm go down the winner instead. The holdout keeps its share, so the
 * comparison with doing nothing goes on. Contacts already past the split stay
 * where they are: only new entrants read the decision.
 */
export default defineNode({
  type: 'split',
  version: 2,
  title: 'A/B split',
  category: 'logic',
  description: 'Send each contact down one arm by weight, the same arm every time; optionally hold some out, and pick the winner automatically.',
  i18n: i18nV2,
  config: SplitConfigV2,
  ports: (config) => armsOf(config).map((arm) => arm.port),
  validate: validateSplit,
  async run({ config, contact, run, services }) {
    const arms = armsOf(config)
    const drawn = pickArm(bucketOf(`${run.flowId}:${run.nodeId}:${contact.id}`), arms)
    const decided = config.autoWinner && drawn !== HOLDOUT ? await services.experiments.winner(run.nodeId) : null
    // A decision naming an arm this config lacks (a hand-edited row) is ignored rather than sending contacts nowhere.
    const winner = decided && arms.some((arm) => arm.port === decided.arm && arm.port !== HOLDOUT) ? decided : null
    const port = winner ? winner.arm : drawn
    await services.run.set({ [`split.${run.nodeId}`]: port })
    return goTo(port, winner ? { arm: port, drawn, winner: { arm: winner.arm, since: winner.at } } : { arm: port })
  },
})
