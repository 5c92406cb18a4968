import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'
import type { PolicyReason } from '../policies/policy-rule.ts'
import type { HolidayCalendarDaysTable, HolidayCalendarsTable, HolidayCalendarYearsTable } from '../calendars/calendar-tables.ts'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T = unknown> = ColumnType<T, string, string>
/** Postgres bigint arrives as a string (pg keeps full precision). */
type BigId = ColumnType<string, string | number, string | number>

export interface ContactsTable {
  id: Generated<string>
  external_id: string
  attributes: ColumnType<Record<string, unknown>, string | undefined, string>
  tags: ColumnType<string[], string[] | undefined, string[]>
  owner_id: string | null
  created_at: CreatedAt
  updated_at: CreatedAt
}

export interface EventsTable {
  id: Generated<string>
  contact_id: BigId
  name: string
  properties: Json<Record<string, unknown>>
  idempotency_id: string | null
  occurred_at: Timestamp
  received_at: CreatedAt
}

export interface FlowsTable {
  id: Generated<string>
  name: string
  status: ColumnType<'draft' | 'active' | 'paused' | 'archived', string | undefined, string>
  graph: Json
  published_version: number | null
  created_at: CreatedAt
  updated_at: CreatedAt
}

export interface FlowVersionsTable {
  flow_id: string
  version: number
  graph: Json
  published_at: CreatedAt
  published_by: string | null
}

export interface FlowEventHooksTable {
  flow_id: string
  version: number
  kind: 'enter' | 'exit' | 'goal' | 'date' | 'change'
  event_name: string
  node_id: string
}

export interface FlowEnrollmentsTable {
  flow_id: string
  contact_id: BigId
  entered_at: Timestamp
}

export interface RunsTable {
  id: Generated<string>
  flow_id: string
  flow_version: number
  contact_id: BigId
  status: string
  node_id: string
  node_entered_at: Timestamp
  seq: number
  entered_at: Timestamp
  finished_at: Timestamp | null
  wake_at: Timestamp | null
  wait_event: string | null
  wait: Json | null
  trigger: Json | null
  error: string | null
  exit_reason: string | null
  updated_at: CreatedAt
  vars: ColumnType<Record<string, unknown>, string | undefined, string>
  converted_at: Timestamp | null
  held_at: Timestamp | null
  /** Set by a retry: the failed step's seq, whose idempotency keys the re-executed node reuses (migration 0011). */
  retry_seq: number | null
}

export interface StepsTable {
  id: Generated<string>
  run_id: BigId
  seq: number
  node_id: string
  node_type: string
  node_version: number
  entered_at: Timestamp
  left_at: Timestamp
  outcome: string
  port: string | null
  output: Json | null
  error: string | null
}

export interface DeliveriesTable {
  id: string
  run_id: BigId | null
  flow_id: string | null
  node_id: string | null
  contact_id: BigId
  channel: string
  category: string
  provider: string
  recipient: string
  body: string
  status: string
  idempotency_key: string
  attempts: ColumnType<number, number | undefined, number>
  provider_response: Json | null
  error: string | null
  created_at: Timestamp
  sent_at: Timestamp | null
  updated_at: CreatedAt
  subject: string | null
  html: string | null
  data: Json | null
  meta: Json | null
  receipts: ColumnType<Record<string, string>, string | undefined, string>
  /** When it goes out: created_at, or later when a policy deferred it (null on rows older than policies). */
  send_at: Timestamp | null
  /** The policy rules that deferred it (quiet hours, a cap with onCap wait). */
  deferred_by: string | null
  /** The same rules, or the one that suppressed it, as data (migration 0030); null on older rows. */
  policy_reason: ColumnType<PolicyReason | null, string | null | undefined, string | null>
  /** The provider's id for the message, from its channel's send outcome; receipts name the message by it. */
  provider_message_id: ColumnType<string | null, string | null | undefined, string | null>
  /** Receipts that came while it was queued, in order, applied when it settles (migration 0018). */
  held_receipts: ColumnType<HeldReceipt[] | null, string | null | undefined, string | null>
}

/** A receipt kept for a delivery not settled yet. */
export interface HeldReceipt {
  status: 'delivered' | 'read' | 'clicked' | 'failed'
  at: string
  reason?: string
}

/** migrations/0016_effects.sql */
export interface EffectsTable {
  id: string
  run_id: BigId
  flow_id: string
  flow_version: number
  node_id: string
  contact_id: BigId
  kind: 'http' | 'named'
  name: string
  request: ColumnType<unknown, string, string>
  idempotency_key: string
  awaited: boolean
  status: 'pending' | 'done' | 'failed' | 'cancelled'
  attempts: ColumnType<number, number | undefined, number>
  result: ColumnType<unknown, string | null, string | null>
  error: string | null
  created_at: Timestamp
  settled_at: Timestamp | null
  updated_at: CreatedAt
}

export interface ChannelsTable {
  name: string
  kind: string
  config: ColumnType<Record<string, unknown>, string, string>
  secrets: string
  rate_per_second: number | null
  next_slot: ColumnType<Date, Date | string | undefined, Date | string>
  created_at: CreatedAt
  updated_at: CreatedAt
}

export interface SalesRepsTable {
  id: string
  name: string
  email: string | null
  phone: string | null
  wecom_id: string | null
  team: string | null
  available: ColumnType<boolean, boolean | undefined, boolean>
  last_assigned_at: ColumnType<Date, Date | string | undefined, Date | string>
  /** Round-robin turn: the sales_reps_assign_seq value of the rep's latest assignment, 0 before any (migration 0014). */
  assign_seq: ColumnType<string, string | number | undefined, string | number>
  created_at: CreatedAt
}

export interface TasksTable {
  id: Generated<string>
  rep_id: string | null
  contact_id: BigId
  run_id: BigId | null
  kind: string
  title: string
  notes: string | null
  due_at: Timestamp
  status: ColumnType<string, string | undefined, string>
  outcome: string | null
  idempotency_key: string | null
  created_at: Timestamp
  completed_at: Timestamp | null
}

export interface CouponPoolsTable {
  id: string
  name: string
  created_at: CreatedAt
}

export interface CouponCodesTable {
  id: Generated<string>
  pool_id: string
  code: string
  contact_id: BigId | null
  issued_key: string | null
  issued_at: Timestamp | null
}

export interface WorkerHeartbeatsTable {
  pool_id: string
  started_at: CreatedAt
  last_seen: CreatedAt
}

/** The workspace's message policies: one row (id true) holding the document. */
export interface PoliciesTable {
  id: Generated<boolean>
  document: Json
  updated_at: CreatedAt
}

export interface MetaTable {
  key: string
  value: Json
}

/** A saved audience: contacts matching a condition, evaluated in SQL (migration 0005). */
export interface SegmentsTable {
  id: Generated<string>
  name: string
  condition: Json
  created_at: CreatedAt
  updated_at: CreatedAt
}

/** One tick of a schedule trigger and how far its fan-out got (migration 0008). */
export interface ScheduleTicksTable {
  id: Generated<string>
  flow_id: string
  flow_version: number
  node_id: string
  tick_at: Timestamp
  status: 'running' | 'done' | 'skipped' | 'stopped' | 'failed'
  reason: string | null
  audience: Json | null
  cursor: BigId
  entered: number
  not_entered: number
  started_at: Timestamp
  finished_at: Timestamp | null
}

/** A contact's next moment for a date trigger (migration 0008). */
export interface DateTriggerMomentsTable {
  flow_id: string
  node_id: string
  contact_id: BigId
  due_at: Timestamp | null
  occurrence: string | null
  fired_occurrence: string | null
}

/** The app schema as kysely sees it (migrations/ is the source of truth). */
export interface UsersTable {
  id: Generated<string>
  email: string
  name: string
  role: 'admin' | 'editor' | 'viewer' | 'sales'
  password_hash: string
  disabled: ColumnType<boolean, boolean | undefined, boolean>
  sales_rep_id: string | null
  created_at: CreatedAt
  updated_at: CreatedAt
  last_login_at: Date | null
}

export interface SessionsTable {
  token_hash: string
  user_id: string
  csrf_token: string
  created_at: CreatedAt
  last_seen_at: CreatedAt
  expires_at: Timestamp
  absolute_expires_at: Timestamp
  revoked_at: Date | null
  ip: string | null
  user_agent: string | null
}

export interface ApiKeysTable {
  id: Generated<string>
  name: string
  prefix: string
  key_hash: string
  scopes: string[]
  created_by: string | null
  created_at: CreatedAt
  expires_at: Date | null
  last_used_at: Date | null
  revoked_at: Date | null
  /** Origins a browser may use a public (track) key from (migration 0021). */
  allowed_origins: Generated<string[]>
}

export interface AuditLogTable {
  id: Generated<string>
  at: CreatedAt
  actor_type: 'user' | 'key' | 'system' | 'anonymous'
  actor_id: string | null
  actor_label: string
  action: string
  target_type: string
  target_id: string | null
  diff: ColumnType<unknown, string | null, string | null>
  ip: string | null
}

export interface Database {
  contacts: ContactsTable
  events: EventsTable
  flows: FlowsTable
  flow_versions: FlowVersionsTable
  flow_event_hooks: FlowEventHooksTable
  flow_enrollments: FlowEnrollmentsTable
  runs: RunsTable
  steps: StepsTable
  deliveries: DeliveriesTable
  effects: EffectsTable
  worker_heartbeats: WorkerHeartbeatsTable
  channels: ChannelsTable
  sales_reps: SalesRepsTable
  tasks: TasksTable
  coupon_pools: CouponPoolsTable
  coupon_codes: CouponCodesTable
  segments: SegmentsTable
  meta: MetaTable
  policies: PoliciesTable
  holiday_calendars: HolidayCalendarsTable
  holiday_calendar_days: HolidayCalendarDaysTable
  holiday_calendar_years: HolidayCalendarYearsTable
  schedule_ticks: ScheduleTicksTable
  date_trigger_moments: DateTriggerMomentsTable
  users: UsersTable
  sessions: SessionsTable
  api_keys: ApiKeysTable
  audit_log: AuditLogTable
}

export type ContactRow = Selectable<ContactsTable>
export type FlowRow = Selectable<FlowsTable>
export type RunRow = Selectable<RunsTable>
export type StepRow = Selectable<StepsTable>
export type DeliveryRow = Selectable<DeliveriesTable>
export type EffectRow = Selectable<EffectsTable>
export type ChannelRow = Selectable<ChannelsTable>
export type UserRow = Selectable<UsersTable>
export type ApiKeyRow = Selectable<ApiKeysTable>
export type NewStep = Insertable<StepsTable>
export type NewDelivery = Insertable<DeliveriesTable>
