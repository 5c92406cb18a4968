// Every call the editor makes to Kairos, typed: HTTP under /api and the /api/live websocket.
// Components and composables never call fetch themselves, so the API the editor relies on
// is readable in this one file. Requests carry the session cookie (same origin) and, on
// writes, the session's CSRF token; a 401 outside /api/auth tells the session it has ended.
import type {
  ApiKey,
  ApiKeyScope,
  AuditEntry,
  Channel,
  Contact,
  ContactWithRuns,
  Delivery,
  ErrorDetail,
  Flow,
  FlowGraph,
  FlowStats,
  FlowSummary,
  FlowTicks,
  FlowUpcoming,
  FlowVersion,
  LiveMessage,
  Me,
  NodeType,
  Role,
  Run,
  RunSelector,
  RunWithSteps,
  SalesRep,
  Segment,
  SignedIn,
  StuckReason,
  StuckRuns,
  Task,
  User,
} from './types.ts'

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
  status: () => request<{ setupRequired: boolean }>('GET', '/api/auth/status'),
  setup: (input: { email: string; name: string; password: string }) => request<SignedIn>('POST', '/api/auth/setup', input),
  login: (input: { email: string; password: string }) => request<SignedIn>('POST', '/api/auth/login', input),
  logout: () => request<void>('POST', '/api/auth/logout'),
  me: () => request<Me>('GET', '/api/auth/me'),
  /** Changes the signed-in person's password; their other sessions are signed out. */
  changePassword: (input: { currentPassword: string; newPassword: string }) => request<void>('POST', '/api/auth/password', input),
}

/** Accounts and API keys (admin only). */
export const admin = {
  listUsers: () => request<{ users: User[] }>('GET', '/api/users').then((r) => r.users),
  createUser: (input: { email: string; name: string; role: Role; password: string; salesRepId?: string | null }) => request<User>('POST', '/api/users', input),
  updateUser: (id: string, patch: { name?: string; role?: Role; disabled?: boolean; password?: string; salesRepId?: string | null }) =>
    request<User>('PATCH', `/api/users/${encodeURIComponent(id)}`, patch),

  listApiKeys: () => request<{ keys: ApiKey[] }>('GET', '/api/api-keys').then((r) => r.keys),
  /** The secret comes back this once; the server keeps only its hash. */
  createApiKey: (input: { name: string; scopes: ApiKeyScope[]; expiresAt?: string }) => request<{ key: ApiKey; secret: string }>('POST', '/api/api-keys', input),
  revokeApiKey: (id: string) => request<void>('DELETE', `/api/api-keys/${encodeURIComponent(id)}`),
}

/** The Kairos REST API. */
export const api = {
  nodeTypes: () => request<{ nodeTypes: NodeType[] }>('GET', '/api/node-types').then((r) => r.nodeTypes),

  listFlows: () => request<{ flows: FlowSummary[] }>('GET', '/api/flows').then((r) => r.flows),
  getFlow: (id: string) => request<Flow>('GET', `/api/flows/${encodeURIComponent(id)}`),
  createFlow: (name: string, graph: FlowGraph) => request<Flow>('POST', '/api/flows', { name, graph }),
  updateFlow: (id: string, patch: { name?: string; graph?: FlowGraph }) => request<Flow>('PUT', `/api/flows/${encodeURIComponent(id)}`, patch),
  /** The server records the signed-in person as the publisher. */
  publishFlow: (id: string) => request<{ version: number; flow: Flow }>('POST', `/api/flows/${encodeURIComponent(id)}/publish`, {}),
  pauseFlow: (id: string) => request<Flow>('POST', `/api/flows/${encodeURIComponent(id)}/pause`),
  resumeFlow: (id: string) => request<Flow>('POST', `/api/flows/${encodeURIComponent(id)}/resume`),
  duplicateFlow: (id: string) => request<Flow>('POST', `/api/flows/${encodeURIComponent(id)}/duplicate`),
  archiveFlow: (id: string) => request<Flow>('POST', `/api/flows/${encodeURIComponent(id)}/archive`),
  flowVersions: (id: string) => request<{ versions: FlowVersion[] }>('GET', `/api/flows/${encodeURIComponent(id)}/versions`).then((r) => r.versions),
  flowStats: (id: string) => request<FlowStats>('GET', `/api/flows/${encodeURIComponent(id)}/stats`),
  /** Schedule triggers of a published flow: the next tick queued for each, and the latest `limit` ticks. */
  flowTicks: (id: string, limit?: number, node?: string) => request<FlowTicks>('GET', withQuery(`/api/flows/${encodeURIComponent(id)}/ticks`, { limit, node })),
  /** Date triggers of a published flow: moments due within `within` (e.g. 7d), counted per trigger, and the `limit` soonest. */
  flowUpcoming: (id: string, within: string, limit?: number, node?: string) =>
    request<FlowUpcoming>('GET', withQuery(`/api/flows/${encodeURIComponent(id)}/upcoming`, { within, limit, node })),

  /** Who changed a record and how (`target` e.g. `flow:<id>`), newest first; admins and viewers. */
  audit: (filter: { target?: string; actor?: string; from?: string; to?: string; limit?: number }) =>
    request<{ entries: AuditEntry[] }>('GET', withQuery('/api/audit', filter)).then((r) => r.entries),

  listSegments: () => request<{ segments: Segment[] }>('GET', '/api/segments').then((r) => r.segments),

  /** Configured channels, every kind; secrets masked. */
  listChannels: () => request<{ channels: Channel[] }>('GET', '/api/channels').then((r) => r.channels),

  searchContacts: (q: string, limit = 20) => request<{ contacts: Contact[] }>('GET', withQuery('/api/contacts', { q, limit })).then((r) => r.contacts),
  getContact: (externalId: string) => request<ContactWithRuns>('GET', `/api/contacts/${encodeURIComponent(externalId)}`),

  postEvent: (event: { contact: string; name: string; properties?: Record<string, unknown> }) =>
    request<{ accepted: number }>('POST', '/api/events', event),

  listRuns: (filter: { flow?: string; contact?: string; status?: string; limit?: number }) =>
    request<{ runs: Run[] }>('GET', withQuery('/api/runs', filter)).then((r) => r.runs),
  getRun: (id: string) => request<RunWithSteps>('GET', `/api/runs/${encodeURIComponent(id)}`),
  /** Runs of a flow stuck longer than `olderThan` (waiting past their wake time, running without progress) or failed. */
  stuckRuns: (flowId: string, query: { olderThan?: string; reason?: StuckReason; node?: string; limit?: number } = {}) =>
    request<StuckRuns>('GET', withQuery(`/api/flows/${encodeURIComponent(flowId)}/stuck-runs`, query)),
  cancelRuns: (selector: RunSelector) => request<{ cancelled: number }>('POST', '/api/runs/cancel', selector),
  retryRuns: (selector: RunSelector) => request<{ retried: number }>('POST', '/api/runs/retry', selector),

  /** Follow-up tasks and calls; a sales user gets their own. */
  listTasks: (filter: { status?: string; contact?: string; limit?: number } = {}) => request<{ tasks: Task[] }>('GET', withQuery('/api/tasks', filter)).then((r) => r.tasks),
  completeTask: (id: string, input: { outcome?: string; notes?: string }) => request<Task>('POST', `/api/tasks/${encodeURIComponent(id)}/complete`, input),
  listSalesReps: () => request<{ salesReps: SalesRep[] }>('GET', '/api/sales-reps').then((r) => r.salesReps),

  listDeliveries: (filter: { contact?: string; flow?: string; channel?: string; status?: string; limit?: number }) =>
    request<{ deliveries: Delivery[] }>('GET', withQuery('/api/deliveries', filter)).then((r) => r.deliveries),

  /** Ports of nodes whose ports depend on their config, computed by the node type itself. */
  nodePorts: (nodes: Array<{ type: string; version?: number; config: Record<string, unknown> }>) =>
    request<{ ports: Array<string[] | null> }>('POST', '/api/node-types/ports', { nodes }).then((r) => r.ports),

  previewTemplate: (input: { template: string; contact?: string; event?: { name: string; properties?: Record<string, unknown> } }) =>
    request<{ text: string }>('POST', '/api/templates/preview', input).then((r) => r.text),
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
