// Live counters of a flow over the `/api/live` websocket: subscribe on mount, unsubscribe
// on unmount, resubscribe after a reconnect. The server coalesces updates (a few per second
// at most), so every message is applied as it comes. When the socket cannot be opened the
// counters are polled from `GET /api/flows/:id/stats` instead, and say so. The socket is
// authenticated by the session cookie: after signing in again it reconnects at once.
import { onBeforeUnmount, ref, shallowRef } from 'vue'
import { api, openLiveSocket, type LiveSocket } from '../api/client.ts'
import type { FlowStats } from '../api/types.ts'
import { useSession } from './useSession.ts'

export type LiveState = 'connecting' | 'live' | 'polling' | 'unavailable'

const POLL_MS = 2000

export function useLiveStatus(flowId: string) {
  const stats = shallowRef<FlowStats | null>(null)
  const state = ref<LiveState>('connecting')
  const lastMessage = ref<string | null>(null)
  let socket: LiveSocket | null = null
  let retries = 0
  let stopped = false
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let pollTimer: ReturnType<typeof setInterval> | undefined

  // Each connection's number: the close of one replaced after signing in again is not retried.
  let generation = 0

  function connect(): void {
    const mine = ++generation
    let opened = false
    socket = openLiveSocket({
      onOpen() {
        opened = true
        retries = 0
        stopPolling()
        state.value = 'live'
        socket?.send({ type: 'subscribe', flowId })
      },
      onMessage(message) {
        if (message.type === 'stats' && message.flowId === flowId) {
          stats.value = { flowId, nodes: message.nodes, edges: message.edges, at: message.at }
          lastMessage.value = message.at ?? new Date().toISOString()
        } else if (message.type === 'error') console.warn('[kairos live]', message.message)
      },
      onClose() {
        if (stopped || mine !== generation) return
        // Never opened: this server may have no websocket; keep counters fresh by polling meanwhile.
        if (!opened || state.value === 'live') startPolling()
        retries++
        retryTimer = setTimeout(connect, Math.min(30_000, 1000 * 2 ** Math.min(retries, 5)))
      },
    })
  }

  async function poll(): Promise<void> {
    try {
      stats.value = await api.flowStats(flowId)
      state.value = 'polling'
    } catch {
      state.value = 'unavailable'
    }
  }

  function startPolling(): void {
    if (pollTimer) return
    void poll()
    pollTimer = setInterval(() => void poll(), POLL_MS)
  }

  function stopPolling(): void {
    clearInterval(pollTimer)
    pollTimer = undefined
  }

  connect()
  useSession().whenSignedInAgain(() => {
    if (stopped || state.value === 'live') return
    clearTimeout(retryTimer)
    retries = 0
    const old = socket
    connect()
    old?.close()
  })
  onBeforeUnmount(() => {
    stopped = true
    clearTimeout(retryTimer)
    stopPolling()
    socket?.send({ type: 'unsubscribe', flowId })
    socket?.close()
  })

  return { stats, state, lastMessage }
}

export type LiveStatus = ReturnType<typeof useLiveStatus>
