// Every call the editor makes to Kairos, typed: HTTP under /api and the /api/live websocket.
// Components and composables never call fetch themselves, so the API the editor relies on
// is readable in this one file.
import type {
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
  NodeType,
  Run,
  RunWithSteps,
  Segment,
} from './types.ts'

/** An error reply of the API (`{ error: { code, message, details } }`) or a network failure. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: ErrorDetail[]

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message)
    this.status = status
    this.code = code
    this.details = details
  }
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

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, 'NETWORK', 'Kairos cannot be reached. Check that the server is running, then try again.')
  }
  const text = await response.text()
  const json = text ? safeJson(text) : undefined
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | undefined)?.error
    throw new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? `The server answered ${response.status} ${response.statusText}`, error?.details ?? [])
  }
  return json as T
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The Kairos REST API. */
export const api = {
  nodeTypes: () => request<{ nodeTypes: NodeType[] }>('GET', '/api/node-types').then((r) => r.nodeTypes),

  listFlows: () => request<{ flows: FlowSummary[] }>('GET', '/api/flows').then((r) => r.flows),
  getFlow: (id: string) => request<Flow>('GET', `/api/flows/${encodeURIComponent(id)}`),
  createFlow: (name: string, graph: FlowGraph) => request<Flow>('POST', '/api/flows', { name, graph }),
  updateFlow: (id: string, patch: { name?: string; graph?: FlowGraph }) => request<Flow>('PUT', `/api/flows/${encodeURIComponent(id)}`, patch),
  publishFlow: (id: string, by?: string) =>
    request<{ version: number; flow: Flow }>('POST', `/api/flows/${encodeURIComponent(id)}/publish`, by ? { by } : {}),
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
