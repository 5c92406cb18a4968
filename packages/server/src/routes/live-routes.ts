import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { validateAgainstSchema } from '@kairos/sdk'
import { IdParams } from '../schemas/api.ts'
import { KairosError } from '../errors.ts'
import { loadFlowCounters } from '../live/flow-counters.ts'
import type { LiveHub } from '../live/live-hub.ts'
import type { WebSocket } from '@fastify/websocket'
import { FlowStats } from '../schemas/flow.ts'

/** What a websocket client may send. */
const ClientMessage = Type.Object(
  { type: Type.Union([Type.Literal('subscribe'), Type.Literal('unsubscribe')]), flowId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
)

/**
 * Live status: `GET /api/flows/:id/stats` once, or the `/api/live` websocket
 * to follow flows: send `{ type: 'subscribe', flowId }`, receive
 * `{ type: 'stats', flowId, nodes, edges, at }` at once and then coalesced.
 */
export function liveRoutes(hub: LiveHub, options: { heartbeatMs?: number } = {}): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Heartbeat: a client that vanished without a close (a laptop lid shut, a dropped network)
    // never says so; one that misses two pings in a row, or is stuck closing, is cut off and
    // unsubscribed. Two, not one: when this process is busy (a long advance batch, a GC pause)
    // an overdue tick can run before the pong that already arrived is read, and a live client
    // must not be dropped for the server's own delay. The value counts unanswered pings.
    const alive = new Map<WebSocket, number>()
    const heartbeat = setInterval(() => {
      for (const [socket, missed] of alive) {
        if (missed >= 2 || socket.readyState !== socket.OPEN) {
          socket.terminate()
          alive.delete(socket)
          continue
        }
        alive.set(socket, missed + 1)
        socket.ping()
      }
    }, options.heartbeatMs ?? 30_000)
    heartbeat.unref()
    app.addHook('onClose', async () => clearInterval(heartbeat))

    app.get('/api/flows/:id/stats', { config: { permission: 'read' }, schema: { tags: ['flows'], params: IdParams, response: { 200: FlowStats } } }, async (request) => {
      const flow = await app.kairos.flows.get(request.params.id)
      return { flowId: flow.id, ...(await loadFlowCounters(app.kairos.database.db, flow.id)) }
    })

    app.route({
      method: 'GET',
      url: '/api/live',
      config: { permission: 'read' },
      schema: { hide: true },
      // A plain GET (no Upgrade) got @fastify/websocket's bare 404 with no body; it is a request to fix, so say how.
      handler: async () => {
        throw new KairosError('KAIROS_VALIDATION', 'headers.upgrade: /api/live is a websocket; open it with Upgrade: websocket', [
          { field: 'headers.upgrade', message: 'must be websocket' },
        ])
      },
      wsHandler: (socket) => {
        alive.set(socket, 0)
        socket.on('pong', () => alive.set(socket, 0))
        // flowId → unsubscribe, or null while the subscription is still being set up.
        const subscriptions = new Map<string, (() => void) | null>()
        let closed = false
        const send = (message: object) => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message))
        }
        socket.on('message', async (raw: Buffer) => {
          let message: unknown
          try {
            message = JSON.parse(String(raw))
          } catch {
            return send({ type: 'error', message: 'messages must be JSON' })
          }
          const problems = validateAgainstSchema(ClientMessage, message, 'message')
          if (problems.length > 0) return send({ type: 'error', message: `${problems[0].field} ${problems[0].message}` })
          const { type, flowId } = message as { type: 'subscribe' | 'unsubscribe'; flowId: string }
          if (type === 'unsubscribe') {
            subscriptions.get(flowId)?.()
            subscriptions.delete(flowId)
            return
          }
          if (subscriptions.has(flowId)) return
          subscriptions.set(flowId, null)
          try {
            await app.kairos.flows.get(flowId)
            const unsubscribe = await hub.subscribe(flowId, send)
            // The client may have unsubscribed or left while the snapshot loaded.
            if (closed || !subscriptions.has(flowId)) unsubscribe()
            else subscriptions.set(flowId, unsubscribe)
          } catch (error) {
            subscriptions.delete(flowId)
            send({ type: 'error', message: (error as Error).message })
          }
        })
        // A client that goes away mid-stream leaves nothing subscribed behind.
        socket.on('close', () => {
          closed = true
          alive.delete(socket)
          for (const unsubscribe of subscriptions.values()) unsubscribe?.()
          subscriptions.clear()
        })
      },
    })
  }
}
