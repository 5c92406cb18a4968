// Every call the editor makes to Kairos, typed: HTTP under /api and the /api/live websocket.
// Components and composables never call fetch themselves, so the API the editor relies on
// is readable in this one file. Requests carry the session cookie (same origin) and, on
// writes, the session's CSRF token; a 401 outside /api/auth tells the session it has ended.
import type { ApiBody, ApiMethod, ApiPathParams, ApiQuery, ApiReply, ApiRoute, ApiRouteOf, ChannelKind, ErrorDetail, FlowGraph, LiveMessage, Me, NodeType, RunSelector, Segment, StuckReason } from './types.ts'

/** An error reply of the API (`{ error: { code, message, details } }`) or a network failure. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: ErrorDetail[]
  /** Seconds the server asked to wait before trying again (429), when it said. */
  readonly retryAfter: number | null

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = [], retryAfter: number | null = null) {
    super(message)
    this.status = status
    this.code = code
    this.details = details
    this.retryAfter = retryAfter
  }
}

/** True for a 401: nobody is signed in, or the session has ended. */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401
}

/** True for a 403 because the role or key lacks the permission (not a CSRF refusal). */
export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403 && error.code !== 'KAIROS_CSRF'
}

/** True when the server has no such route (an older Kairos), as opposed to a missing record. */
export function isMissingRoute(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && error.message.startsWith('no route')
}

type Query = Record<string, string | number | undefined | null>

function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  const text = params.toString()
  return text ? `${path}?${text}` : path
}

type Verb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

interface CallOptions<P extends ApiRoute, M extends ApiMethod> {
  /** The route's `{param}`s. */
  path?: ApiPathParams<P, M>
  query?: Partial<Record<keyof ApiQuery<P, M>, string | number | null | undefined>>
  body?: ApiBody<P, M>
}

/**
 * A call to a documented route, typed by the generated OpenAPI types: the route and method
 * must exist, the body has the route's request shape, and the answer its reply's.
 */
function call<M extends Verb, P extends ApiRouteOf<Lowercase<M>>>(method: M, route: P, options: CallOptions<P, Lowercase<M>> = {}): Promise<ApiReply<P, Lowercase<M>>> {
  const params = (options.path ?? {}) as Record<string, string>
  const path = route.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]))
  return request(method, withQuery(path, options.query as Query | undefined), options.body)
}

/** The session's CSRF token: every write a cookie authenticates must send it back. */
let csrfToken: string | null = null

/** Keeps the token from login, setup or `GET /api/auth/me` (null when signed out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

const signedOutListeners = new Set<() => void>()

/** Called whenever a call outside /api/auth answers 401: the session ended while working. */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener)
  return () => signedOutListeners.delete(listener)
}

async function request<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
  const headers: Record<string, string> = {}
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken
  let response: Response
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) })
  } catch {
    throw new ApiError(0, 'NETWORK', 'Kairos cannot be reached. Check that the server is running, then try again.')
  }
  const text = await response.text()
  const json = text ? safeJson(text) : undefined
  if (response.ok) return json as T
  const error = (json as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | undefined)?.error
  const code = error?.code ?? `HTTP_${response.status}`
  const isAuthCall = path.startsWith('/api/auth/')
  // A token from before a sign-in in another tab: fetch the current one and try once more.
  if (code === 'KAIROS_CSRF' && !retried && !isAuthCall && (await refreshCsrfToken())) return request<T>(method, path, body, true)
  if (response.status === 401 && !isAuthCall) {
    for (const listener of signedOutListeners) listener()
    throw new ApiError(401, code, 'You are signed out. Sign in again to carry on: nothing you changed is lost.')
  }
  const retryAfter = Number(response.headers.get('retry-after'))
  throw new ApiError(
    response.status,
    code,
    error?.message ?? `The server answered ${response.status} ${response.statusText}`,
    error?.details ?? [],
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  )
}

async function refreshCsrfToken(): Promise<boolean> {
  try {
    const me = await request<Me>('GET', '/api/auth/me')
    csrfToken = me.csrfToken
    return true
  } catch {
    return false
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Signing in and out (public routes apart from `me`, `logout` and `password`). */
export const auth = {
  /** `setupRequired` while no account exists: the editor then asks for the first administrator. */
  status: () => call('GET', '/api/auth/status'),
  setup: (body: ApiBody<'/api/auth/setup', 'post'>) => call('POST', '/api/auth/setup', { body }),
  login: (body: ApiBody<'/api/auth/login', 'post'>) => call('POST', '/api/auth/login', { body }),
  logout: () => call('POST', '/api/auth/logout'),
  me: () => call('GET', '/api/auth/me'),
  /** Changes the signed-in person's password; their other sessions are signed out. */
  changePassword: (body: ApiBody<'/api/auth/password', 'post'>) => call('POST', '/api/auth/password', { body }),
}

/** Accounts and API keys (admin only). */
export const admin = {
  listUsers: () => call('GET', '/api/users').then((r) => r.users),
  createUser: (body: ApiBody<'/api/users', 'post'>) => call('POST', '/api/users', { body }),
  updateUser: (id: string, body: ApiBody<'/api/users/{id}', 'patch'>) => call('PATCH', '/api/users/{id}', { path: { id }, body }),

  listApiKeys: () => call('GET', '/api/api-keys').then((r) => r.keys),
  /** The secret comes back this once; the server keeps only its hash. */
  createApiKey: (body: ApiBody<'/api/api-keys', 'post'>) => call('POST', '/api/api-keys', { body }),
  revokeApiKey: (id: string) => call('DELETE', '/api/api-keys/{id}', { path: { id } }),
}

/** The Kairos REST API. */
export const api = {
  nodeTypes: () => call('GET', '/api/node-types').then((r) => r.nodeTypes as NodeType[]),

  listFlows: () => call('GET', '/api/flows').then((r) => r.flows),
  getFlow: (id: string) => call('GET', '/api/flows/{id}', { path: { id } }),
  createFlow: (name: string, graph: FlowGraph) => call('POST', '/api/flows', { body: { name, graph } }),
  updateFlow: (id: string, body: ApiBody<'/api/flows/{id}', 'put'>) => call('PUT', '/api/flows/{id}', { path: { id }, body }),
  /** The server records the signed-in person as the publisher. */
  publishFlow: (id: string, movePlan?: string) =>
    call('POST', '/api/flows/{id}/publish', { path: { id }, body: movePlan ? { migrate: { plan: movePlan } } : {} }),
  /** What moving the contacts waiting on the live version would do (docs/versions.md); its plan is what publishFlow applies. */
  publishDryRun: (id: string, mapping: Record<string, string | null>) => call('POST', '/api/flows/{id}/publish/dry-run', { path: { id }, body: { migrate: { mapping } } }),
  /** Template variables the saved draft reads that no contact or trigger event has (never blocks publishing). */
  publishWarnings: (id: string) => call('GET', '/api/flows/{id}/publish-warnings', { path: { id } }),
  pauseFlow: (id: string) => call('POST', '/api/flows/{id}/pause', { path: { id } }),
  resumeFlow: (id: string) => call('POST', '/api/flows/{id}/resume', { path: { id } }),
  duplicateFlow: (id: string) => call('POST', '/api/flows/{id}/duplicate', { path: { id } }),
  archiveFlow: (id: string) => call('POST', '/api/flows/{id}/archive', { path: { id } }),
  /** The starter library (docs/starters.md): journeys to import as a draft, with the channels, pools and segments each needs. */
  listStarters: () => call('GET', '/api/starters').then((r) => r.starters),
  /** A new draft from a starter, in `language`, with the team's channels, pools and segments bound to its placeholders. */
  importStarter: (id: string, body: ApiBody<'/api/starters/{id}/import', 'post'>) => call('POST', '/api/starters/{id}/import', { path: { id }, body }),
  flowVersions: (id: string) => call('GET', '/api/flows/{id}/versions', { path: { id } }).then((r) => r.versions),
  flowStats: (id: string) => call('GET', '/api/flows/{id}/stats', { path: { id } }),
  /** Runs, conversions and exits of runs that entered in the window (default: the last 30 days). */
  flowReport: (id: string, query: { from?: string; to?: string } = {}) => call('GET', '/api/flows/{id}/report', { path: { id }, query }),
  /** Entries and goal conversions per hour or day of the journey's timezone (the reports page's chart). */
  flowReportSeries: (id: string, query: ApiQuery<'/api/flows/{id}/report/series', 'get'> = {}) => call('GET', '/api/flows/{id}/report/series', { path: { id }, query }),
  /** Runs the draft (default) or a version on a virtual clock against sample contacts: nothing is sent or written (docs/simulation.md). */
  simulateFlow: (id: string, body: ApiBody<'/api/flows/{id}/simulate', 'post'>) => call('POST', '/api/flows/{id}/simulate', { path: { id }, body }),
  /** Schedule triggers of a published flow: the next tick queued for each, and the latest `limit` ticks. */
  flowTicks: (id: string, limit?: number, node?: string) => call('GET', '/api/flows/{id}/ticks', { path: { id }, query: { limit, node } }),
  /** Date triggers of a published flow: moments due within `within` (e.g. 7d), counted per trigger, and the `limit` soonest. */
  flowUpcoming: (id: string, within: string, limit?: number, node?: string) =>
    call('GET', '/api/flows/{id}/upcoming', { path: { id }, query: { within, limit, node } }),

  /** Who changed a record and how (`target` e.g. `flow:<id>`), newest first; admins and viewers. */
  audit: (query: { target?: string; actor?: string; from?: string; to?: string; limit?: number }) => call('GET', '/api/audit', { query }).then((r) => r.entries),

  listSegments: () => call('GET', '/api/segments').then((r) => r.segments as Segment[]),
  /** Saves a segment (the import dialog makes the one a starter suggests). */
  createSegment: (body: ApiBody<'/api/segments', 'post'>) => call('POST', '/api/segments', { body }),

  /** Configured channels, every kind; secrets never returned. */
  listChannels: () => call('GET', '/api/channels').then((r) => r.channels),

  searchContacts: (q: string, limit = 20) => call('GET', '/api/contacts', { query: { q, limit } }).then((r) => r.contacts),
  getContact: (externalId: string) => call('GET', '/api/contacts/{externalId}', { path: { externalId } }),

  postEvent: (event: { contact: string; name: string; properties?: Record<string, unknown> }) => call('POST', '/api/events', { body: event }),

  listRuns: (query: { flow?: string; contact?: string; status?: string; limit?: number }) => call('GET', '/api/runs', { query }).then((r) => r.runs),
  getRun: (id: string) => call('GET', '/api/runs/{id}', { path: { id } }),
  /** Runs of a flow stuck longer than `olderThan` (waiting past their wake time, running without progress) or failed. */
  stuckRuns: (id: string, query: { olderThan?: string; reason?: StuckReason; node?: string; limit?: number } = {}) =>
    call('GET', '/api/flows/{id}/stuck-runs', { path: { id }, query }),
  cancelRuns: (body: RunSelector) => call('POST', '/api/runs/cancel', { body }),
  retryRuns: (body: RunSelector) => call('POST', '/api/runs/retry', { body }),

  /** Follow-up tasks and calls; a sales user gets their own. */
  listTasks: (query: { status?: string; contact?: string; limit?: number } = {}) => call('GET', '/api/tasks', { query }).then((r) => r.tasks),
  completeTask: (id: string, body: ApiBody<'/api/tasks/{id}/complete', 'post'>) => call('POST', '/api/tasks/{id}/complete', { path: { id }, body }),
  listSalesReps: () => call('GET', '/api/sales-reps').then((r) => r.salesReps),

  listDeliveries: (query: { contact?: string; flow?: string; channel?: string; status?: string; limit?: number }) =>
    call('GET', '/api/deliveries', { query }).then((r) => r.deliveries),

  /** Ports of nodes whose ports depend on their config, computed by the node type itself. */
  nodePorts: (nodes: ApiBody<'/api/node-types/ports', 'post'>['nodes']) => call('POST', '/api/node-types/ports', { body: { nodes } }).then((r) => r.ports),

  /** The rendered text and the variables it reads that have no value (they would show as nothing). */
  previewTemplate: (body: ApiBody<'/api/templates/preview', 'post'>) => call('POST', '/api/templates/preview', { body }),
  /** Attribute keys contacts have, and recent events named `event` (the contact's first) with their property keys. */
  templateVariables: (query: { event?: string; contact?: string }) => call('GET', '/api/templates/variables', { query }),
}

/**
 * Workspace settings: channels and policies (admin writes), sales reps and coupon pools
 * (editors write); everyone who reads the workspace reads them.
 */
export const settings = {
  channelKinds: () => call('GET', '/api/channel-kinds').then((r) => r.kinds as ChannelKind[]),
  /** A secret field left out keeps the stored value. */
  putChannel: (name: string, body: ApiBody<'/api/channels/{name}', 'put'>) => call('PUT', '/api/channels/{name}', { path: { name }, body }),
  deleteChannel: (name: string) => call('DELETE', '/api/channels/{name}', { path: { name } }),
  /** Sends one message now; a provider's refusal is an answer (`ok: false`), not a thrown error. */
  testChannel: (name: string, body: ApiBody<'/api/channels/{name}/test', 'post'>) => call('POST', '/api/channels/{name}/test', { path: { name }, body }),

  putSalesRep: (id: string, body: ApiBody<'/api/sales-reps/{id}', 'put'>) => call('PUT', '/api/sales-reps/{id}', { path: { id }, body }),

  listCouponPools: () => call('GET', '/api/coupon-pools').then((r) => r.pools),
  putCouponPool: (id: string, name: string) => call('PUT', '/api/coupon-pools/{id}', { path: { id }, body: { name } }),
  /** Up to 10,000 codes a call; codes already in the pool are skipped and counted. */
  addCouponCodes: (id: string, codes: string[]) => call('POST', '/api/coupon-pools/{id}/codes', { path: { id }, body: { codes } }),

  getPolicies: () => call('GET', '/api/policies'),
  putPolicies: (body: ApiBody<'/api/policies', 'put'>) => call('PUT', '/api/policies', { body }),

  /** Holiday calendars (docs/calendars.md): list, one with its days (of `year`), upload a file's text, delete. */
  listCalendars: () => call('GET', '/api/calendars').then((r) => r.calendars),
  getCalendar: (name: string, year?: number) => call('GET', '/api/calendars/{name}', { path: { name }, query: { year } }),
  putCalendar: (name: string, body: ApiBody<'/api/calendars/{name}', 'put'>) => call('PUT', '/api/calendars/{name}', { path: { name }, body }),
  deleteCalendar: (name: string) => call('DELETE', '/api/calendars/{name}', { path: { name } }),
}

/** Writing contacts: one at a time (the contact form) or 1,000 a request (imports). */
export const contactWrites = {
  upsert: (externalId: string, body: ApiBody<'/api/contacts/{externalId}', 'put'>) => call('PUT', '/api/contacts/{externalId}', { path: { externalId }, body }),
  batch: (contacts: ApiBody<'/api/contacts/batch', 'post'>['contacts']) => call('POST', '/api/contacts/batch', { body: { contacts } }),
}

/** A connection to `/api/live`; `send` queues until the socket is open. */
export interface LiveSocket {
  send(message: { type: 'subscribe' | 'unsubscribe'; flowId: string }): void
  close(): void
}

/** Opens the live-status websocket; `onOpen` fires on every (re)connect so callers resubscribe. */
export function openLiveSocket(handlers: {
  onMessage(message: LiveMessage): void
  onOpen(): void
  onClose(): void
}): LiveSocket {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/live`
  const socket = new WebSocket(url)
  const pending: string[] = []
  socket.addEventListener('open', () => {
    for (const text of pending.splice(0)) socket.send(text)
    handlers.onOpen()
  })
  socket.addEventListener('message', (event) => {
    const message = safeJson(String(event.data)) as LiveMessage | undefined
    if (message && typeof message === 'object' && 'type' in message) handlers.onMessage(message)
  })
  socket.addEventListener('close', () => handlers.onClose())
  return {
    send(message) {
      const text = JSON.stringify(message)
      if (socket.readyState === WebSocket.OPEN) socket.send(text)
      else if (socket.readyState === WebSocket.CONNECTING) pending.push(text)
    },
    close: () => socket.close(),
  }
}
