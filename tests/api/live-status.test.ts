import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import { loadFlowFixture, publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

/** Collects a websocket's JSON messages and lets a test wait for one that matches. */
function messages(socket: WebSocket) {
  const received: any[] = []
  const waiters: Array<{ match: (m: any) => boolean; resolve: (m: any) => void }> = []
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw))
    received.push(message)
    for (const waiter of [...waiters]) if (waiter.match(message)) waiters.splice(waiters.indexOf(waiter), 1), waiter.resolve(message)
  })
  return {
    received,
    next(match: (m: any) => boolean, timeoutMs = 15_000): Promise<any> {
      const found = received.find(match)
      if (found) return Promise.resolve(found)
      return new Promise((resolve, reject) => {
        waiters.push({ match, resolve })
        setTimeout(() => reject(new Error(`no matching message in ${timeoutMs} ms; got ${JSON.stringify(received.slice(-3))}`)), timeoutMs)
      })
    },
  }
}

// The websocket hub: subscribe, coalesced counters, unsubscribe, a client leaving mid-stream.
describe('live status over the websocket', () => {
  let kairos: TestKairos
  let flowId: string

  beforeAll(async () => {
    kairos = await startTestKairos()
    flowId = await publishFlow(kairos, 'Cart abandonment', await loadFlowFixture('cart-abandonment'))
  })
  afterAll(() => kairos?.stop())

  const hub = () => kairos.app.liveHub
  /** A live client that answers pings as a browser does (injectWS's own socket does not). */
  const openLive = () =>
    kairos.app.injectWS('/api/live', { headers: kairos.authHeaders }, { onInit: (ws) => void ws.on('ping', (data: Buffer) => ws.pong(data)) })

  it('sends the counters on subscribe, then coalesced updates as steps commit', async () => {
    const socket = await openLive()
    const inbox = messages(socket)
    socket.send(JSON.stringify({ type: 'subscribe', flowId }))
    const first = await inbox.next((m) => m.type === 'stats')
    expect(first).toMatchObject({ flowId, nodes: {}, edges: {} })

    const contacts = Array.from({ length: 300 }, (_, i) => ({ contact: `live-${i}`, name: 'cart_added' }))
    await kairos.api('POST', '/api/events', { events: contacts })
    await kairos.drain()
    const settled = await inbox.next((m) => m.type === 'stats' && m.nodes.wait30m?.waiting === 300)
    expect(settled.nodes.cart).toEqual({ entered: 300, waiting: 0, completed: 300, exited: 0, failed: 0 })
    expect(settled.nodes.wait30m).toEqual({ entered: 300, waiting: 300, completed: 0, exited: 0, failed: 0 })
    expect(settled.edges).toEqual({ 'cart:next': 300 })
    // 300 runs took 600 transitions; the browser got a handful of messages, not one per step.
    expect(inbox.received.filter((m) => m.type === 'stats').length).toBeLessThan(15)

    // These contacts have no phone: the reminder leaves through "skipped", which leads nowhere, so the runs complete.
    await kairos.advance('30m')
    const reminded = await inbox.next((m) => m.type === 'stats' && m.edges['reminder:skipped'] === 300)
    expect(reminded.nodes.paid).toEqual({ entered: 300, waiting: 0, completed: 300, exited: 0, failed: 0 })
    expect(reminded.nodes.wait30m).toEqual({ entered: 300, waiting: 0, completed: 300, exited: 0, failed: 0 })
    expect(reminded.edges['paid:no']).toBe(300)
    // What was pushed equals what the tables say.
    const { body } = await kairos.api('GET', `/api/flows/${flowId}/stats`)
    expect({ nodes: body.nodes, edges: body.edges }).toEqual({ nodes: reminded.nodes, edges: reminded.edges })
    socket.close()
    await expect.poll(() => hub().listenerCount(flowId), { timeout: 5000 }).toBe(0)
  })

  it('stops sending after unsubscribe', async () => {
    const socket = await openLive()
    const inbox = messages(socket)
    socket.send(JSON.stringify({ type: 'subscribe', flowId }))
    await inbox.next((m) => m.type === 'stats')
    socket.send(JSON.stringify({ type: 'unsubscribe', flowId }))
    await expect.poll(() => hub().listenerCount(flowId), { timeout: 5000 }).toBe(0)
    const before = inbox.received.length
    await kairos.api('POST', '/api/events', { contact: 'after-unsubscribe', name: 'cart_added' })
    await kairos.drain()
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(inbox.received.length).toBe(before)
    socket.close()
  })

  it('forgets a client that disconnects mid-stream, while others keep receiving', async () => {
    const leaving = await openLive()
    const staying = await openLive()
    const stayingInbox = messages(staying)
    const leavingInbox = messages(leaving)
    for (const socket of [leaving, staying]) socket.send(JSON.stringify({ type: 'subscribe', flowId }))
    await leavingInbox.next((m) => m.type === 'stats')
    await stayingInbox.next((m) => m.type === 'stats')
    await expect.poll(() => hub().listenerCount(flowId), { timeout: 5000 }).toBe(2)
    leaving.terminate()
    await expect.poll(() => hub().listenerCount(flowId), { timeout: 5000 }).toBe(1)
    await kairos.api('POST', '/api/events', { contact: 'still-watched', name: 'cart_added' })
    await kairos.drain()
    const { nodes } = (await kairos.api('GET', `/api/flows/${flowId}/stats`)).body
    await stayingInbox.next((m) => m.type === 'stats' && m.nodes.cart?.entered === nodes.cart.entered)
    staying.close()
  })

  it('cuts off a client that stops answering pings, after two missed, and keeps one that answers', async () => {
    // injectWS's socket answers no ping by itself: left alone it is the silent client.
    const silent = await kairos.app.injectWS('/api/live', { headers: kairos.authHeaders })
    const answering = await openLive()
    const silentInbox = messages(silent)
    const answeringInbox = messages(answering)
    for (const socket of [silent, answering]) socket.send(JSON.stringify({ type: 'subscribe', flowId }))
    await silentInbox.next((m) => m.type === 'stats')
    await answeringInbox.next((m) => m.type === 'stats')
    const cut = performance.now()
    // Heartbeat every 500 ms in tests: ping, ping, then the third tick cuts it (1 to 1.5 s).
    await expect.poll(() => hub().listenerCount(flowId), { timeout: 5000, interval: 50 }).toBe(1)
    expect(performance.now() - cut).toBeGreaterThanOrEqual(900)
    await new Promise((resolve) => setTimeout(resolve, 1600))
    expect(hub().listenerCount(flowId)).toBe(1)
    answering.close()
  })

  it('answers bad messages with an error and keeps the connection', async () => {
    const socket = await openLive()
    const inbox = messages(socket)
    socket.send('not json')
    expect((await inbox.next((m) => m.type === 'error')).message).toBe('messages must be JSON')
    socket.send(JSON.stringify({ type: 'subscribe', flowId: 'nope' }))
    expect((await inbox.next((m) => m.type === 'error' && m.message.includes('flowId'))).message).toContain('message.flowId')
    socket.send(JSON.stringify({ type: 'subscribe', flowId: '00000000-0000-4000-8000-000000000000' }))
    expect((await inbox.next((m) => m.type === 'error' && m.message.includes('does not exist'))).message).toContain('flow "00000000')
    socket.terminate()
  })
})
