import { Type, type Problem, type Static } from '@kairos/sdk'

/** The port a holdout gets: contacts there receive nothing, so reports can compare against doing nothing. */
export const HOLDOUT = 'holdout'

const PORT = Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_-]*$', description: 'Port name' })
/** The largest weight: ample for any share (10,000 : 1), and no sum of weights can overflow to Infinity. */
export const MAX_WEIGHT = 10_000
// Without a maximum, [1e308, 1e308] summed to Infinity and every contact went down the last arm (issue 12).
const WEIGHT = Type.Number({
  exclusiveMinimum: 0,
  maximum: MAX_WEIGHT,
  description: `Share of contacts, relative to the other weights: above 0, at most ${MAX_WEIGHT}`,
})

/** Two or more arms by weight, plus an optional holdout arm. Weights need not add up to 100. */
export const SplitConfig = Type.Object(
  {
    arms: Type.Array(Type.Object({ port: PORT, weight: WEIGHT }, { additionalProperties: false }), { minItems: 2 }),
    holdout: Type.Optional(
      Type.Object(
        { weight: WEIGHT },
        { additionalProperties: false, description: 'Keep a share of contacts out: leave the holdout port unconnected or lead it to an exit' },
      ),
    ),
  },
  { additionalProperties: false },
)
export type SplitConfig = Static<typeof SplitConfig>

/** Ports must be distinct, and `holdout` belongs to the holdout arm alone. */
export function validateSplit(config: SplitConfig): Problem[] {
  const problems: Problem[] = []
  const seen = new Set<string>()
  // Tolerates a config the schema refused: the harness (and the editor's port queries) may pass one.
  for (const [i, arm] of (config.arms ?? []).entries()) {
    const field = `config.arms[${i}].port`
    if (arm.port === HOLDOUT) problems.push({ field, message: 'port "holdout" is reserved for the holdout arm (config.holdout)' })
    else if (seen.has(arm.port)) problems.push({ field, message: `port "${arm.port}" is used twice` })
    seen.add(arm.port)
  }
  return problems
}

/** The arms to pick from, the holdout last. Also the node's ports, so it tolerates a half-filled draft config. */
export function armsOf(config: SplitConfig): Array<{ port: string; weight: number }> {
  const arms = config.arms ?? []
  return config.holdout ? [...arms, { port: HOLDOUT, weight: config.holdout.weight }] : arms
}
