import { FlowGraph as FlowGraphDocument, type FlowGraph as FilledGraph } from '@kairos/engine'
import { Type } from 'typebox'
import { DateTime, filled, Nullable, OneOf } from './reply-fields.ts'
import { ControlGroupReport, SplitDecisions } from './experiments.ts'

/** A stored graph: what the request could leave out is filled in (settings, edges, a node's config, an edge's port). */
export const StoredGraph = filled<FilledGraph>(FlowGraphDocument)

const FLOW_FIELDS = {
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  status: OneOf(['draft', 'active', 'paused', 'archived']),
  publishedVersion: Nullable(Type.Integer({ description: 'The version new runs enter; null until first published' })),
  createdAt: DateTime,
  updatedAt: DateTime,
}

/** A flow with its draft graph. */
export const Flow = Type.Object({ ...FLOW_FIELDS, graph: StoredGraph })

const RunCounts = Type.Object({
  active: Type.Integer({ description: 'Running or waiting' }),
  waiting: Type.Integer(),
  completed: Type.Integer(),
  failed: Type.Integer(),
  exited: Type.Integer(),
  converted: Type.Integer({ description: 'Runs that reached the goal (any status)' }),
})

/** A flow in the list: no graph, with how many runs are in it and how they ended. */
export const FlowSummary = Type.Object({ ...FLOW_FIELDS, stats: RunCounts })

export const FlowList = Type.Object({ flows: Type.Array(FlowSummary) })

export const FlowVersion = Type.Object({
  version: Type.Integer(),
  publishedAt: DateTime,
  publishedBy: Nullable(Type.String({ description: 'Who published it: a person by name and email, or a key by its label' })),
  graph: StoredGraph,
})

export const FlowVersions = Type.Object({ versions: Type.Array(FlowVersion) })

/** A template reading a variable nothing has: shown before publishing, never blocking it. */
export const VariableWarning = Type.Object({
  node: Type.String({ description: 'The step whose template reads the variable' }),
  field: Type.String({ description: 'Its config field, as publish problems name it (config.text)' }),
  variable: Type.String({ description: 'The variable as the template reads it, e.g. contact.tier' }),
  reason: OneOf(['attribute', 'eventProperty', 'coupon'], {
    description: 'attribute: no contact has the key; eventProperty: no recent event the journey starts on carries it (judged only when every trigger is an event); coupon: no step issues a coupon and no contact has one',
  }),
  events: Type.Array(Type.String(), { description: 'For eventProperty: the trigger events looked at' }),
  message: Type.String({ description: 'In words, e.g. uses {{ contact.tier }}, which no contact has' }),
})

export const PublishWarnings = Type.Object({ warnings: Type.Array(VariableWarning) })

const NodeId = Type.String({ minLength: 1, maxLength: 64 })

/** Where the contacts waiting at each step of the live version go (docs/versions.md). */
export const MoveMapping = Type.Record(NodeId, Nullable(NodeId), {
  description: 'Step of the live version → step of the new version, or null to let its waiting contacts finish on the live version. A step left out maps to the step of the same id, or finishes on the live version when the new one has none',
  maxProperties: 500,
})

/** The dry run of moving waiting contacts: `POST /api/flows/:id/publish/dry-run`. */
export const MoveDryRunBody = Type.Object(
  { migrate: Type.Object({ mapping: Type.Optional(MoveMapping) }, { additionalProperties: false }) },
  { additionalProperties: false },
)

/** Publishing, optionally applying a dry run's plan in the same transaction. */
export const PublishBody = Type.Optional(
  Type.Union([
    Type.Object(
      { migrate: Type.Optional(Type.Object({ plan: Type.String({ format: 'uuid', description: 'The plan a dry run answered' }) }, { additionalProperties: false })) },
      { additionalProperties: false },
    ),
    Type.Null(),
  ]),
)

export const MovePlan = Type.Object({
  plan: Type.String({ format: 'uuid', description: 'Publish with migrate: { plan } to apply exactly this' }),
  fromVersion: Type.Integer({ description: 'The live version the contacts wait on' }),
  toVersion: Type.Integer({ description: 'The version publishing the draft makes' }),
  moving: Type.Integer(),
  staying: Type.Integer({ description: 'Waiting contacts who finish on the live version' }),
  nodes: Type.Array(
    Type.Object({
      node: Type.String({ description: 'A step of the live version where contacts wait (or one the mapping names)' }),
      type: Type.String({ description: 'Its node type' }),
      waiting: Type.Integer(),
      to: Nullable(Type.String({ description: 'The step of the new version they move to; null: they finish on the live version' })),
      reason: OneOf(['same', 'mapped', 'removed', 'kept'], {
        description: 'same: the new version has the step under its id; mapped: chosen in the mapping; removed: the step is gone, no target chosen; kept: mapped to null',
      }),
      settingsDiffer: Type.Boolean({ description: "The target's settings differ: waits keep the wake time and event they started with" }),
      sentence: Type.String({ description: 'e.g. 31 contacts waiting at wait_3d move to wait_2d' }),
    }),
    { description: 'Most waiting first' },
  ),
  sentences: Type.Array(Type.String(), { description: "The sentences of the steps where contacts wait" }),
})

/** What publishing with a plan moved. */
export const MoveResult = Type.Object({
  plan: Type.String({ format: 'uuid' }),
  fromVersion: Type.Integer(),
  toVersion: Type.Integer(),
  mapping: Type.Record(Type.String(), Nullable(Type.String()), { description: 'As the dry run was asked' }),
  moved: Type.Integer(),
  changed: Type.Integer({ description: 'Runs the plan named that left their wait since the dry run: not moved' }),
  nodes: Type.Array(Type.Object({ node: Type.String(), to: Type.String(), moved: Type.Integer(), changed: Type.Integer() })),
})

export const PublishReply = Type.Object({
  version: Type.Integer(),
  flow: Flow,
  warnings: Type.Array(VariableWarning, { description: 'Unknown variables in the published version (published anyway; the editor asks first)' }),
  // null when the publish had no migrate.
  moved: Nullable(MoveResult),
})

const Rate = Nullable(Type.Number({ description: 'Converted / total, to 4 places; null when the total is 0' }))

export const FlowReport = Type.Object({
  flowId: Type.String(),
  from: DateTime,
  to: DateTime,
  goal: Nullable(Type.Object({ event: Type.String(), within: Type.String() })),
  runs: Type.Object({
    entered: Type.Integer(),
    converted: Type.Integer(),
    conversionRate: Rate,
    exited: Type.Integer({ description: 'Left early: on an exitOn event or cancelled (not at an exit node)' }),
  }),
  nodes: Type.Record(
    Type.String(),
    Type.Object({
      entered: Type.Integer(),
      completed: Type.Integer({ description: 'Went on through a port, or ended at an exit node' }),
      exited: Type.Integer({ description: 'Left the journey here early: an exitOn event or a cancel' }),
      exitedBy: Type.Record(Type.String(), Type.Integer(), { description: 'Early exits by reason: "exitOn: <event>" or "cancelled"' }),
      failed: Type.Integer(),
      waitingNow: Type.Integer(),
    }),
    { description: 'By node id' },
  ),
  splits: Type.Record(
    Type.String(),
    Type.Record(
      Type.String(),
      Type.Object({
        contacts: Type.Integer(),
        converted: Type.Integer(),
        conversionRate: Rate,
        interval: Nullable(Type.Object({ low: Type.Number(), high: Type.Number() }, { description: 'Wilson 95% interval of the conversion rate; null without contacts' })),
        reference: Type.Boolean({ description: 'The arm the others are compared with: the holdout, else the first arm' }),
        difference: Nullable(Type.Number({ description: "This arm's rate minus the reference arm's; null for the reference" })),
        pValue: Nullable(Type.Number({ description: 'Two-sided p-value of the two-proportion z-test against the reference arm' })),
        significant: Type.Boolean({ description: 'pValue below 0.05 shared among the arms compared (Bonferroni)' }),
      }),
    ),
    { description: 'By split node id, then arm' },
  ),
  decisions: SplitDecisions,
  controlGroup: ControlGroupReport,
  messages: Type.Record(
    Type.String(),
    Type.Object({
      channel: Type.String(),
      sent: Type.Integer({ description: 'Went out (delivered, read and clicked included)' }),
      delivered: Type.Integer({ description: 'Of those sent, the ones a provider reported delivered, read or clicked' }),
      failed: Type.Integer(),
      suppressed: Type.Integer(),
      suppressedBy: Type.Record(Type.String(), Type.Integer(), { description: 'By the rule that suppressed them' }),
      scheduled: Type.Integer({ description: 'Held back by a policy now, waiting for their time' }),
      deferred: Type.Integer({ description: 'Deferred by a policy at some point (quiet hours, a cap with onCap wait), whatever became of them' }),
      deferredBy: Type.Record(Type.String(), Type.Integer(), { description: 'By the rule that deferred them' }),
      clicked: Type.Integer({ description: 'Deliveries with a counted click on one of their tracked links, each once however often (docs/tracking.md)' }),
      opened: Type.Integer({ description: 'Email deliveries whose open pixel was loaded, each once' }),
    }),
    { description: 'By message node id' },
  ),
})

const ScheduleTick = Type.Object({
  id: Type.String(),
  node: Type.String(),
  flowVersion: Type.Integer(),
  tickAt: DateTime,
  status: OneOf(['running', 'done', 'skipped', 'stopped', 'failed']),
  reason: Nullable(Type.String({ description: 'Why it was skipped, stopped or failed' })),
  entered: Type.Integer(),
  notEntered: Type.Integer({ description: 'Matched the audience but not let in (reentry)' }),
  startedAt: DateTime,
  finishedAt: Nullable(DateTime),
})

export const FlowTicks = Type.Object({
  next: Type.Array(Type.Object({ node: Type.String(), at: DateTime }), { description: 'The next tick queued for each schedule trigger' }),
  ticks: Type.Array(ScheduleTick, { description: 'Newest first' }),
})

export const FlowUpcoming = Type.Object({
  within: Type.Object({ from: DateTime, to: DateTime }),
  triggers: Type.Array(Type.Object({ node: Type.String(), count: Type.Integer() })),
  next: Type.Array(
    Type.Object({
      node: Type.String(),
      contact: Type.String({ description: 'External id' }),
      dueAt: DateTime,
      occurrence: Nullable(Type.String({ description: 'What the moment is for: the date (repeat once), the year (yearly)' })),
    }),
    { description: 'Soonest first' },
  ),
})

const NodeCounters = Type.Object({
  entered: Type.Integer(),
  waiting: Type.Integer(),
  completed: Type.Integer({ description: 'Went on through a port, or ended at an exit node' }),
  exited: Type.Integer({ description: 'Left the journey here early: an exitOn event or a cancel' }),
  failed: Type.Integer(),
})

/** Live counters of a flow, as `/api/live` pushes them. */
export const FlowStats = Type.Object({
  flowId: Type.String(),
  nodes: Type.Record(Type.String(), NodeCounters, { description: 'By node id' }),
  edges: Type.Record(Type.String(), Type.Integer(), { description: 'Runs that took each edge, keyed source:port' }),
})
