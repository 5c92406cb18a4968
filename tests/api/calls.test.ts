import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeHttpProvider } from '../support/fake-http-provider.ts'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// The call node: a call task for the contact's owner, or a call placed through a
// provider; either way the outcome picks the port.
describe('outbound calls', () => {
  const provider = fakeHttpProvider()
  let kairos: TestKairos

  beforeAll(async () => {
    const url = await provider.listen()
    kairos = await startTestKairos()
    await kairos.api('PUT', '/api/channels/dialer', { kind: 'call.http', config: { url: `${url}/calls`, token: 'dial-1' } })
    await kairos.api('PUT', '/api/sales-reps/rita', { name: 'Rita' })
    const flow = (event: string, call: Record<string, unknown>) => ({
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event } },
        { id: 'call', type: 'call', config: call },
        ...['answered', 'no_answer', 'busy', 'timeout', 'failed'].map((port) => ({ id: port, type: 'tag', config: { add: [`call-${port}`] } })),
      ],
      edges: [{ source: 'in', target: 'call' }, ...['answered', 'no_answer', 'busy', 'timeout', 'failed'].map((port) => ({ source: 'call', sourcePort: port, target: port }))],
      settings: { reentry: 'always' as const },
    })
    await publishFlow(kairos, 'Rep calls', flow('call_me', { mode: 'task', timeout: '1d' }))
    await publishFlow(kairos, 'Dialer calls', flow('dial_me', { mode: 'provider', channel: 'dialer', script: 'Hello {{ contact.name }}' }))
  })
  afterAll(async () => {
    await kairos?.stop()
    await provider.close()
  })

  const portOf = async (contact: string) => {
    const { runs } = (await kairos.api('GET', `/api/runs?contact=${contact}`)).body
    const { steps } = (await kairos.api('GET', `/api/runs/${runs[0].id}`)).body
    return steps.find((s: any) => s.node === 'call')?.port
  }

  it('gives the owner a call task and follows the outcome they report', async () => {
    await kairos.api('PUT', '/api/contacts/ken', { attributes: { name: 'Ken', phone: '+8613700000001' }, ownerId: 'rita' })
    await kairos.api('POST', '/api/events', { contact: 'ken', name: 'call_me' })
    await kairos.drain()
    const [task] = (await kairos.api('GET', '/api/tasks?contact=ken')).body.tasks
    expect(task).toMatchObject({ kind: 'call', repId: 'rita', status: 'open', title: 'Call Ken', contactName: 'Ken', journey: { name: 'Rep calls' } })
    expect((await kairos.api('POST', `/api/tasks/${task.id}/complete`, {})).body.error.details[0].field).toBe('body.outcome')
    await kairos.api('POST', `/api/tasks/${task.id}/complete`, { outcome: 'no_answer' })
    await kairos.drain()
    expect(await portOf('ken')).toBe('no_answer')
    expect((await kairos.api('POST', `/api/tasks/${task.id}/complete`, { outcome: 'busy' })).status).toBe(409)
  })

  it('times out when nobody reports an outcome, and fails at once for a contact without an owner', async () => {
    await kairos.api('PUT', '/api/contacts/lea', { attributes: { name: 'Lea' }, ownerId: 'rita' })
    await kairos.api('PUT', '/api/contacts/max', { attributes: { name: 'Max' } })
    await kairos.api('POST', '/api/events', { events: [{ contact: 'lea', name: 'call_me' }, { contact: 'max', name: 'call_me' }] })
    await kairos.drain()
    expect(await portOf('max')).toBe('failed')
    await kairos.advance('1d')
    expect(await portOf('lea')).toBe('timeout')
  })

  it('places a call through the provider and follows the outcome it posts back', async () => {
    await kairos.api('PUT', '/api/contacts/ned', { attributes: { name: 'Ned', phone: '+8613700000002' } })
    await kairos.api('POST', '/api/events', { contact: 'ned', name: 'dial_me' })
    await kairos.drain()
    const call = provider.received.find((r) => r.body.channel === 'call')!
    expect(call.body).toMatchObject({ to: '+8613700000002', script: 'Hello Ned' })
    expect(call.headers.authorization).toBe('Bearer dial-1')
    await kairos.api('POST', '/api/events', { contact: 'ned', name: 'call.completed', properties: { call: `delivery:${call.body.id}`, outcome: 'answered' } })
    await kairos.drain()
    expect(await portOf('ned')).toBe('answered')
  })

  it('goes to failed when the provider refuses to place the call', async () => {
    provider.script([422])
    await kairos.api('PUT', '/api/contacts/ola', { attributes: { name: 'Ola', phone: '+8613700000003' } })
    await kairos.api('POST', '/api/events', { contact: 'ola', name: 'dial_me' })
    await kairos.drain()
    expect(await portOf('ola')).toBe('failed')
  })
})
