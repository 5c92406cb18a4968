import type { ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { startWorkerProcess, workerReady } from '../support/worker-process.ts'

// Live counters reach a websocket client of the API process when the steps
// run in a separate worker process: the worker notifies through Postgres.
describe('live status with a separate worker process', () => {
  let kairos: TestKairos
  let worker: ChildProcess

  beforeAll(async () => {
    kairos = await startTestKairos({ worker: false, realTime: true })
    worker = startWorkerProcess(kairos.url)
    // Start only once the worker says it is ready, and say so if it dies instead.
    await workerReady(worker)
  })
  afterAll(async () => {
    worker?.kill('SIGKILL')
    await kairos?.stop()
  })

  it('pushes counters for steps committed by another process', async () => {
    const flowId = await publishFlow(kairos, 'Tagging', {
      nodes: [{ id: 'in', type: 'trigger.event', config: { event: 'visited' } }, { id: 'tag', type: 'tag', config: { add: ['visitor'] } }],
      edges: [{ source: 'in', target: 'tag' }],
      settings: { reentry: 'always' },
    })
    const socket = await kairos.app.injectWS('/api/live', { headers: kairos.authHeaders }, { onInit: (ws) => void ws.on('ping', (data: Buffer) => ws.pong(data)) })
    const received: any[] = []
    socket.on('message', (raw) => received.push(JSON.parse(String(raw))))
    socket.send(JSON.stringify({ type: 'subscribe', flowId }))
    await expect.poll(() => received.length).toBeGreaterThan(0)
    await kairos.api('POST', '/api/events', { events: Array.from({ length: 50 }, (_, i) => ({ contact: `v${i}`, name: 'visited' })) })
    for (let waited = 0; received.at(-1)?.nodes?.tag?.completed !== 50; waited += 50) {
      if (waited > 20_000) throw new Error(`counters never reached 50 completed: ${JSON.stringify(received.at(-1))}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(received.at(-1).edges).toEqual({ 'in:next': 50, 'tag:next': 50 })
    socket.terminate()
  })
})
