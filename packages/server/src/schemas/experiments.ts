import { Type } from 'typebox'
import { DateTime, Nullable } from './reply-fields.ts'

const Interval = Type.Object({ low: Type.Number(), high: Type.Number() })

/** Each auto-winner split's decision in the flow report (docs/experiments.md). */
export const SplitDecisions = Type.Record(
  Type.String(),
  Type.Object({
    version: Type.Integer({ description: 'The flow version it was decided for' }),
    arm: Type.String({ description: 'The winner: new entrants of that version go down this arm' }),
    at: DateTime,
    confidence: Type.Number({ description: 'The confidence the split asked for' }),
    pValue: Type.Number({ description: 'The p-value that met it (two-proportion z-test, Bonferroni)' }),
  }),
  { description: "By split node id: the auto-winner's decision, when one was made" },
)

const Group = Type.Object({
  contacts: Type.Integer(),
  converted: Type.Integer(),
  conversionRate: Nullable(Type.Number()),
  interval: Nullable(Interval),
})

/** The global control group beside the rest, and the incremental lift. */
export const ControlGroupReport = Nullable(
  Type.Object(
  {
    percent: Type.Number(),
    control: Group,
    treated: Group,
    lift: Nullable(
      Type.Object({
        difference: Type.Number({ description: "The treated conversion rate minus the control group's" }),
        interval: Interval,
        pValue: Nullable(Type.Number()),
        significant: Type.Boolean({ description: 'The 95% interval excludes 0' }),
      }),
    ),
  },
  { description: 'The workspace control group (policies.controlGroup) among the entrants; null without one' },
  ),
)
