import { Duration, Type, type Static } from '@kairos/sdk'

/**
 * Picks the winning arm once the test has run long enough: when every arm
 * (the holdout aside) has had `after.minPerArm` contacts, and `after.duration`
 * has passed since the first contact of the flow version reached the split, the auto-winner job
 * compares goal conversion between the arms at `confidence`; from its
 * decision on, new entrants go to the winner (docs/experiments.md).
 */
export const AutoWinner = Type.Object(
  {
    after: Type.Object(
      {
        minPerArm: Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'Contacts each arm must have had before a winner is picked' }),
        duration: Type.Optional({ ...Duration, description: 'And at least this long since the first contact of this version reached the split, e.g. 7d' }),
      },
      { additionalProperties: false },
    ),
    confidence: Type.Number({
      minimum: 0.8,
      maximum: 0.999,
      default: 0.95,
      description: 'How sure the difference must be, between 0.8 and 0.999 (0.95: wrong at most one time in twenty)',
    }),
  },
  { additionalProperties: false, description: 'Send new entrants to the best arm by goal conversion once the difference is significant (needs the journey goal)' },
)
export type AutoWinner = Static<typeof AutoWinner>
