import type { BenchKairos } from './kairos.ts'
import { pollUntil } from './poll.ts'
import { quantile, round } from './stats.ts'
import { enroll, prepare, type Options } from './steps-bench.ts'

export const LIVE_EVENT = 'bench_live'

export interface LiveFigures {
  runs: number
  /** Websocket messages the subscribed client received while the runs went through. */
  messages: number
  /** Per message: arrival at the client − commit time of the oldest change it carries. */
  delayMsP50: number
  delayMsP99: number
  delayMsMax: number
}

/**
 * The delay from a step's commit to the websocket message at a subscribed
 * client, while `contacts` runs go through the five-node steps flow with the
 * worker running. The client is in-process (`injectWS`), so the path measured
 * is pg_notify → LISTEN → hub → coalescing → websocket frame, without TCP.
 * Each message carries the commit time of the oldest change it includes, so
 * the figure is the worst delay within each message.
 */
export async function liveBench(kairos: BenchKairos, options: Options): Promise<LiveFigures> {
  const flow = await prepare(kairos, 'live', LIVE_EVENT, options.contacts)
  const socket = await kairos.app.injectWS('/api/live', { headers: kairos.authHeaders }, { onInit: (ws) => void ws.on('ping', (data: Buffer) => ws.pong(data)) })
  const delays: number[] = []
  let subscribed!: () => void
  const ready = new Promise<void>((resolve) => (subscribed = resolve))
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw)) as { type: string; committedAt?: number }
    if (message.type !== 'stats') return
    if (message.committedAt === undefined) subscribed()
    else delays.push(Date.now() - message.committedAt)
  })
  socket.send(JSON.stringify({ type: 'subscribe', flowId: flow.flowId }))
  await ready
  await enroll(kairos, flow, options)
  await pollUntil('live bench: runs finished', flow.finished, options.contacts, { stallMs: options.stallMs, everyMs: 25 })
  // Let the last coalesced message arrive.
  await new Promise((resolve) => setTimeout(resolve, 600))
  socket.terminate()
  return {
    runs: options.contacts,
    messages: delays.length,
    delayMsP50: round(quantile(delays, 0.5)),
    delayMsP99: round(quantile(delays, 0.99)),
    delayMsMax: round(Math.max(0, ...delays)),
  }
}
