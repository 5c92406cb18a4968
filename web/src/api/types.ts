// Shapes of the Kairos HTTP and websocket API as the editor uses them: names for the types
// generated from the server's OpenAPI document (kairos-api.ts; regenerate with
// `node web/scripts/api-types.ts`), so a change to a route's reply reaches the editor's
// type check instead of a hand-kept copy. The flow document and condition types come from
// the shared schemas (type-only imports: nothing of the engine or SDK is bundled).
import type { FlowEdge, FlowGraph, FlowNode, FlowProblem, FlowSettings } from '@kairos/engine'
import type { Condition } from '@kairos/sdk'
import type { components, paths } from './kairos-api.ts'

export type { Condition, FlowEdge, FlowGraph, FlowNode, FlowProblem, FlowSettings }

/** A documented route of the API. */
export type ApiRoute = keyof paths
export type ApiMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'
/** The documented routes that answer `method`. */
export type ApiRouteOf<M extends ApiMethod> = { [P in ApiRoute]: paths[P][M] extends undefined ? never : P }[ApiRoute]
type Operation<P extends ApiRoute, M extends ApiMethod> = Exclude<paths[P][M], undefined>
type Success = 200 | 201 | 202 | 204
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : void
/** What a route answers with on success (void for 204). */
export type ApiReply<P extends ApiRoute, M extends ApiMethod> =
  Operation<P, M> extends { responses: infer R } ? JsonOf<R[Extract<keyof R, Success>]> : never
/** The JSON body a route takes. */
export type ApiBody<P extends ApiRoute, M extends ApiMethod> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never
/** A route's query parameters and path parameters. */
export type ApiQuery<P extends ApiRoute, M extends ApiMethod> = Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never
export type ApiPathParams<P extends ApiRoute, M extends ApiMethod> = Operation<P, M> extends { parameters: { path: infer A } } ? A : never

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
  /** The kind of channel (`sms.http`, `wecom.robot`…) whose name this field holds, or the kinds it takes. */
  'x-kairos-channel'?: string | string[]
  /** On a template-only channel's template (send.sms 4): the config field naming that channel. */
  'x-kairos-template-of'?: string
}

/**
 * One entry of `GET /api/node-types`: the palette and the form of a node. The server can only
 * say its config schema is an object; the forms read it as the JSON Schema it is.
 */
export type NodeType = Omit<ApiReply<'/api/node-types', 'get'>['nodeTypes'][number], 'configSchema'> & { configSchema: JsonSchema }
export type NodeCategory = NodeType['category']

export type Flow = ApiReply<'/api/flows/{id}', 'get'>
export type FlowStatus = Flow['status']
/** A flow in `GET /api/flows`: no graph, with run counts. */
export type FlowSummary = ApiReply<'/api/flows', 'get'>['flows'][number]
export type FlowRunStats = FlowSummary['stats']
export type FlowVersion = ApiReply<'/api/flows/{id}/versions', 'get'>['versions'][number]

/** Live counters of a flow: per node, and per edge keyed `source:port`. */
export type FlowStats = ApiReply<'/api/flows/{id}/stats', 'get'> & { at?: string }
export type NodeCounters = FlowStats['nodes'][string]

export type Contact = ApiReply<'/api/contacts/{externalId}', 'put'>
export type ContactWithRuns = ApiReply<'/api/contacts/{externalId}', 'get'>

export type Run = ApiReply<'/api/runs', 'get'>['runs'][number]
export type RunStatus = Run['status']
export type RunWithSteps = ApiReply<'/api/runs/{id}', 'get'>
export type RunStep = RunWithSteps['steps'][number]

/** Runs of a flow that are stuck (GET /api/flows/:id/stuck-runs). */
export type StuckRuns = ApiReply<'/api/flows/{id}/stuck-runs', 'get'>
export type StuckRun = StuckRuns['runs'][number]
/** Why a run is listed as stuck: waiting past its wake time, running without progress, or failed. */
export type StuckReason = StuckRun['reason']
/** Which runs a bulk cancel or retry touches: ids, or a flow narrowed by node, status and stuckFor. */
export type RunSelector = ApiBody<'/api/runs/cancel', 'post'>

export type Delivery = ApiReply<'/api/deliveries', 'get'>['deliveries'][number]

/** A saved audience (`GET /api/segments`): the editor picks one by name and stores its id. */
export type Segment = Omit<ApiReply<'/api/segments/{id}', 'get'>, 'condition'> & { condition: Condition }

/**
 * A configured channel (`GET /api/channels`): credentials a step sends through, picked by
 * name in a field marked `x-kairos-channel`. Secret settings are never returned.
 */
export type Channel = ApiReply<'/api/channels/{name}', 'get'>

/** A kind of channel (`GET /api/channel-kinds`): its form is drawn from `configSchema`; `secret` fields are write-only. */
export type ChannelKind = Omit<ApiReply<'/api/channel-kinds', 'get'>['kinds'][number], 'configSchema'> & { configSchema: JsonSchema }

/** What a test message came to (`POST /api/channels/:name/test`). */
export type ChannelTestResult = ApiReply<'/api/channels/{name}/test', 'post'>

/** A coupon pool with its counts (`GET /api/coupon-pools`). */
export type CouponPool = ApiReply<'/api/coupon-pools', 'get'>['pools'][number]

/** The workspace's message policies, every default filled in (`GET /api/policies`). */
export type Policies = ApiReply<'/api/policies', 'get'>
export type FrequencyCap = Policies['caps'][number]

/** `GET /api/flows/:id/ticks`: the next queued tick of each schedule trigger, and recent ticks, newest first. */
export type FlowTicks = ApiReply<'/api/flows/{id}/ticks', 'get'>
/** One tick of a schedule trigger: when it was for, what happened, how many entered. */
export type ScheduleTick = FlowTicks['ticks'][number]
export type TickStatus = ScheduleTick['status']

/** `GET /api/flows/:id/upcoming`: date-trigger moments due within the window, counted per trigger node, soonest first. */
export type FlowUpcoming = ApiReply<'/api/flows/{id}/upcoming', 'get'>
/** One contact's next moment on a date trigger: who, which node, when, and which occurrence (a year for yearly ones). */
export type UpcomingMoment = FlowUpcoming['next'][number]

/** The body of every error reply. */
export type ErrorReply = components['schemas']['ErrorReply']
export type ErrorCode = ErrorReply['error']['code']
export type ErrorDetail = ErrorReply['error']['details'][number]

/** What the server sends on `/api/live` (a websocket, outside the OpenAPI document). */
export type LiveMessage =
  | ({ type: 'stats' } & FlowStats)
  | { type: 'error'; message: string }

/** `GET /api/auth/me`: who this is, what they may do, and whether by session cookie or API key. */
export type Me = ApiReply<'/api/auth/me', 'get'>
/**
 * What a session or key is allowed: `read` (the workspace), `audit:read`, `events:write`,
 * `contacts:write`, `workspace:write` (flows, segments, coupon pools, sales reps; publish,
 * pause), `admin` (users, API keys, channels, policies), and for sales work `tasks:read`,
 * `tasks:write` and `contacts:read`.
 */
export type Permission = Me['permissions'][number]

/** A person who logs in. A `sales` user is linked to the sales rep whose tasks and contacts they see. */
export type User = ApiReply<'/api/users/{id}', 'get'>
/** What a person may do in Kairos; `admin` may do everything. */
export type Role = User['role']
/** `POST /api/auth/login` and `/api/auth/setup`: the person, and the token their writes must send. */
export type SignedIn = ApiReply<'/api/auth/login', 'post'>

/** An API key as listed: never its secret, only the prefix it starts with. */
export type ApiKey = ApiReply<'/api/api-keys', 'get'>['keys'][number]
/** What an API key may do. */
export type ApiKeyScope = ApiKey['scopes'][number]

/** One change in the audit log: who did what to which record, and when. */
export type AuditEntry = ApiReply<'/api/audit', 'get'>['entries'][number]

/** A follow-up task or call for a sales rep (`GET /api/tasks`). */
export type Task = ApiReply<'/api/tasks/{id}', 'get'>
/** A sales rep contacts can be assigned to (`GET /api/sales-reps`). */
export type SalesRep = ApiReply<'/api/sales-reps', 'get'>['salesReps'][number]
/** A rep as saving one answers: without the task count. */
export type SalesRepFields = ApiReply<'/api/sales-reps/{id}', 'put'>
