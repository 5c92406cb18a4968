// Shapes of the Kairos HTTP and websocket API as the editor uses them.
// The flow document and condition types come from the shared schemas (type-only
// imports: nothing of the engine or SDK is bundled into the editor).
import type { FlowEdge, FlowGraph, FlowNode, FlowProblem, FlowSettings } from '@kairos/engine'
import type { Condition } from '@kairos/sdk'

export type { Condition, FlowEdge, FlowGraph, FlowNode, FlowProblem, FlowSettings }

/** A JSON Schema object as the server sends it (TypeBox output); only what the forms read. */
export interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  enum?: unknown[]
  const?: unknown
  default?: unknown
  description?: string
  title?: string
  format?: string
  pattern?: string
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  minItems?: number
  maxItems?: number
  patternProperties?: Record<string, JsonSchema>
  additionalProperties?: boolean | JsonSchema
  'x-kairos-widget'?: string
  'x-kairos-port'?: boolean
  /** The kind of channel (`sms.http`, `wecom.robot`…) whose name this field holds. */
  'x-kairos-channel'?: string
}

export type NodeCategory = 'trigger' | 'wait' | 'logic' | 'action' | 'exit'

/** One entry of `GET /api/node-types`: the palette and the form of a node. */
export interface NodeType {
  type: string
  version: number
  title: string
  category: NodeCategory | string
  description: string | null
  configSchema: JsonSchema
  ports: string[]
  /** Ports depend on the config (branch): the editor reads them from the config. */
  dynamicPorts: boolean
}

export type FlowStatus = 'draft' | 'active' | 'paused' | 'archived'

/** Run counts per status, on each flow of the list. */
export interface FlowRunStats {
  active: number
  waiting: number
  completed: number
  failed: number
  exited: number
}

export interface Flow {
  id: string
  name: string
  status: FlowStatus
  graph: FlowGraph
  publishedVersion: number | null
  createdAt: string
  updatedAt: string
}

/** A flow in `GET /api/flows`: no graph, with run counts (older servers: graph, no stats). */
export type FlowSummary = Omit<Flow, 'graph'> & { graph?: FlowGraph; stats?: FlowRunStats }

export interface FlowVersion {
  version: number
  publishedAt: string
  publishedBy?: string | null
  graph: FlowGraph
}

export interface NodeCounters {
  entered: number
  waiting: number
  completed: number
  failed: number
}

/** Live counters of a flow: per node, and per edge keyed `source:port`. */
export interface FlowStats {
  flowId: string
  nodes: Record<string, NodeCounters>
  edges: Record<string, number>
  at?: string
}

export interface Contact {
  id: string
  externalId: string
  attributes: Record<string, unknown>
  tags: string[]
  ownerId: string | null
  createdAt: string
  updatedAt: string
}

export type RunStatus = 'running' | 'waiting' | 'completed' | 'exited' | 'failed' | 'cancelled'

export interface Run {
  id: string
  flowId: string
  flowVersion: number
  contactId: string
  contact: string
  status: RunStatus
  nodeId: string | null
  nodeEnteredAt: string | null
  enteredAt: string
  finishedAt: string | null
  wakeAt: string | null
  waitingFor: string | null
  error: string | null
  exitReason: string | null
}

/** Why a run is listed as stuck: waiting past its wake time, running without progress, or failed. */
export type StuckReason = 'overdue' | 'stalled' | 'failed'

/** A stuck run (GET /api/flows/:id/stuck-runs). */
export interface StuckRun {
  id: string
  contact: string
  status: RunStatus
  nodeId: string
  reason: StuckReason
  since: string
  lateSeconds: number
  error: string | null
  waitingFor: string | null
  flowVersion: number
}

export interface StuckRuns {
  olderThan: string
  counts: Record<StuckReason, number>
  runs: StuckRun[]
}

/** Which runs a bulk cancel or retry touches: ids, or a flow narrowed by node, status and stuckFor. */
export interface RunSelector {
  ids?: string[]
  flowId?: string
  node?: string
  status?: 'running' | 'waiting' | 'failed'
  stuckFor?: string
}

export interface RunStep {
  seq: number
  node: string
  nodeType: string
  nodeVersion?: number
  enteredAt: string
  leftAt: string | null
  outcome: string | null
  port: string | null
  result: unknown
  error: string | null
}

export type RunWithSteps = Run & { steps: RunStep[] }
export type ContactWithRuns = Contact & { runs: Run[] }

export interface Delivery {
  id: string
  channel: string
  category: string
  provider: string
  to: string
  body: string
  status: string
  contact: string
  flowId: string | null
  runId: string | null
  node: string | null
  attempts: number
  error: string | null
  createdAt: string
  sentAt: string | null
}

/** A saved audience (`GET /api/segments`): the editor picks one by name and stores its id. */
export interface Segment {
  id: string
  name: string
  condition: Condition
  createdAt: string
  updatedAt: string
}

/**
 * A configured channel (`GET /api/channels`): credentials a step sends through, picked by
 * name in a field marked `x-kairos-channel`. Secret settings come back masked.
 */
export interface Channel {
  name: string
  /** `sms.http`, `email.smtp`, `wecom.robot`, `call.http`, `webhook`. */
  kind: string
  /** The message channel it carries: sms, email, wecom, call, webhook. */
  carries: string
  config: Record<string, unknown>
  secretsSet: string[]
  ratePerSecond: number | null
  updatedAt: string
}

export type TickStatus = 'running' | 'done' | 'skipped' | 'stopped' | 'failed'

/** One tick of a schedule trigger: when it was for, what happened, how many entered. */
export interface ScheduleTick {
  id: string
  node: string
  flowVersion: number
  tickAt: string
  status: TickStatus | string
  /** Why it was skipped, stopped or failed. */
  reason: string | null
  entered: number
  /** Matched the audience but were not let in (re-entry rules). */
  notEntered: number
  startedAt: string
  finishedAt: string | null
}

/** `GET /api/flows/:id/ticks`: the next queued tick of each schedule trigger, and recent ticks, newest first. */
export interface FlowTicks {
  next: Array<{ node: string; at: string }>
  ticks: ScheduleTick[]
}

/** One contact's next moment on a date trigger: who, which node, when, and which occurrence (a year for yearly ones). */
export interface UpcomingMoment {
  node: string
  /** The contact's external id. */
  contact: string
  dueAt: string
  occurrence: string | null
}

/** `GET /api/flows/:id/upcoming`: date-trigger moments due within the window, counted per trigger node, soonest first. */
export interface FlowUpcoming {
  within: { from: string; to: string }
  triggers: Array<{ node: string; count: number }>
  next: UpcomingMoment[]
}

export interface ErrorDetail {
  field: string
  message: string
  node?: string | null
}

/** What the server sends on `/api/live`. */
export type LiveMessage =
  | ({ type: 'stats' } & FlowStats)
  | { type: 'error'; message: string }

/** What a person may do in Kairos; `admin` may do everything. */
export type Role = 'admin' | 'editor' | 'viewer' | 'sales'

/**
 * What a session or key is allowed (`GET /api/auth/me` → `permissions`): `read` (the workspace),
 * `audit:read`, `events:write`, `contacts:write`, `workspace:write` (flows, segments, coupon
 * pools, sales reps; publish, pause), `admin` (users, API keys, channels, policies), and for
 * sales work `tasks` or its finer `tasks:read` / `tasks:write` / `contacts:read`.
 */
export type Permission =
  | 'authenticated'
  | 'read'
  | 'audit:read'
  | 'events:write'
  | 'contacts:read'
  | 'contacts:write'
  | 'workspace:write'
  | 'metrics'
  | 'admin'
  | 'tasks'
  | 'tasks:read'
  | 'tasks:write'

/** A person who logs in. A `sales` user is linked to the sales rep whose tasks and contacts they see. */
export interface User {
  id: string
  email: string
  name: string
  role: Role
  disabled: boolean
  salesRepId: string | null
  createdAt: string
  lastLoginAt: string | null
}

/** `POST /api/auth/login` and `/api/auth/setup`: the person, and the token their writes must send. */
export interface SignedIn {
  user: User
  csrfToken: string
}

/** `GET /api/auth/me`: who this is, what they may do, and whether by session cookie or API key. */
export interface Me {
  /** Null when an API key is asking. */
  user: User | null
  /** Null for an API key (it sends no cookie, so needs no token). */
  csrfToken: string | null
  permissions: Permission[]
  via: 'session' | 'key'
}

/** What an API key may do. */
export type ApiKeyScope = 'events:write' | 'contacts:write' | 'read' | 'metrics' | 'admin'

/** An API key as listed: never its secret, only the prefix it starts with. */
export interface ApiKey {
  id: string
  name: string
  prefix: string
  scopes: ApiKeyScope[]
  createdAt: string
  createdBy: string | null
  expiresAt: string | null
  lastUsedAt: string | null
  revokedAt: string | null
}

/** One change in the audit log: who did what to which record, and when. */
export interface AuditEntry {
  id: string
  at: string
  actor: { type: 'user' | 'key' | 'system'; id: string | null; label: string }
  /** e.g. `flow.publish` */
  action: string
  target: { type: string; id: string | null }
  diff: Record<string, unknown> | null
}

/** A follow-up task or call for a sales rep (`GET /api/tasks`). */
export interface Task {
  id: string
  repId: string | null
  contact: string
  runId: string | null
  kind: string
  title: string
  notes: string | null
  dueAt: string
  status: 'open' | 'done' | 'cancelled' | string
  outcome: string | null
  createdAt: string
  completedAt: string | null
}

/** A sales rep contacts can be assigned to (`GET /api/sales-reps`). */
export interface SalesRep {
  id: string
  name: string
  email: string | null
  team: string | null
  available: boolean
  openTasks?: number
}
