import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

describe('trigger.change', () => {
  let kairos: TestKairos

  beforeAll(async () => {
    kairos = await startTestKairos()
  })
  afterAll(() => kairos?.stop())

  const watch = (config: Record<string, unknown>, reentry = 'always') => ({
    nodes: [{ id: 'changed', type: 'trigger.change', config }, { id: 'mark', type: 'tag', config: { add: ['changed'] } }],
    edges: [{ source: 'changed', target: 'mark' }],
    settings: { reentry },
  })
  const runsOf = async (flowId: string) => (await kairos.api('GET', `/api/runs?flow=${flowId}`)).body.runs as any[]
  const put = (id: string, attributes: Record<string, unknown>) => kairos.api('PUT', `/api/contacts/${id}`, { attributes })

  it('enters a contact when stage goes from lead to mql through the contacts API, and on nothing else', async () => {
    const flowId = await publishFlow(kairos, 'MQL', watch({ attribute: 'stage', from: 'lead', to: 'mql' }))
    await put('lia', { stage: 'lead' }) // from nothing: not from lead
    await put('lia', { stage: 'lead', city: 'Lyon' }) // stage unchanged
    expect(await runsOf(flowId)).toEqual([])
    await put('lia', { stage: 'mql' })
    await kairos.drain()
    const [run] = await runsOf(flowId)
    expect(run).toMatchObject({ contact: 'lia', status: 'completed', trigger: { name: 'attribute.changed', properties: { attribute: 'stage', from: 'lead', to: 'mql' } } })
    await put('lia', { stage: 'mql' }) // a write that changes nothing enters no one
    await put('lia', { stage: 'sql' }) // mql → sql is not lead → mql
    expect(await runsOf(flowId)).toHaveLength(1)
    await kairos.api('POST', `/api/flows/${flowId}/archive`)
  })

  it('enters on "becomes premium" from any value, including when it was unset, and on removal when to is null', async () => {
    const becomes = await publishFlow(kairos, 'Premium', watch({ attribute: 'tier', to: 'premium' }))
    const removed = await publishFlow(kairos, 'Tier removed', watch({ attribute: 'tier', to: null }))
    await put('max', { tier: 'premium' })
    await put('noa', { tier: 'basic' })
    await put('noa', { tier: 'premium' })
    await put('noa', { tier: null })
    await kairos.drain()
    expect((await runsOf(becomes)).map((r) => r.contact).sort()).toEqual(['max', 'noa'])
    expect((await runsOf(removed)).map((r) => r.trigger.properties)).toEqual([{ attribute: 'tier', from: 'premium', to: null }])
    await kairos.api('POST', `/api/flows/${becomes}/archive`)
    await kairos.api('POST', `/api/flows/${removed}/archive`)
  })

  it('sees changes a node writes, in the same transaction as the step', async () => {
    const watcher = await publishFlow(kairos, 'VIP watcher', watch({ attribute: 'vip', to: true }))
    const upgrader = await publishFlow(kairos, 'Upgrader', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'spent_a_lot' } },
        { id: 'set', type: 'update.contact', config: { set: { vip: true } } },
      ],
      edges: [{ source: 'in', target: 'set' }],
      settings: { reentry: 'always' },
    })
    await kairos.api('POST', '/api/events', { events: [{ contact: 'ola', name: 'spent_a_lot' }, { contact: 'ola', name: 'spent_a_lot', id: 'again' }] })
    await kairos.drain()
    expect(await runsOf(upgrader)).toHaveLength(2)
    // The second run wrote vip: true again, which changed nothing.
    expect((await runsOf(watcher)).map((r) => [r.contact, r.status])).toEqual([['ola', 'completed']])
    await kairos.api('POST', `/api/flows/${watcher}/archive`)
    await kairos.api('POST', `/api/flows/${upgrader}/archive`)
  })

  it('honours reentry once and lets no one into a paused flow', async () => {
    const once = await publishFlow(kairos, 'Once', watch({ attribute: 'score' }, 'once'))
    const paused = await publishFlow(kairos, 'Paused', watch({ attribute: 'score' }))
    await kairos.api('POST', `/api/flows/${paused}/pause`)
    await put('pia', { score: 1 })
    await put('pia', { score: 2 })
    expect(await runsOf(once)).toHaveLength(1)
    expect(await runsOf(paused)).toHaveLength(0)
  })
})
