import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// Issue 12: split weights had no upper bound, and [1e308, 1e308] published. Their sum is
// Infinity, so every contact went down the last arm. Now each weight is at most 10,000,
// checked when the flow is published, and the refusal names the weight.
describe('split weights at publish', () => {
  let kairos: TestKairos

  beforeAll(async () => {
    kairos = await startTestKairos({ worker: false })
  })
  afterAll(() => kairos?.stop())

  const publish = async (arms: Array<{ port: string; weight: number }>, holdout?: { weight: number }) => {
    const graph = {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'split_test' } },
        { id: 'ab', type: 'split', config: { arms, ...(holdout ? { holdout } : {}) } },
      ],
      edges: [{ source: 'in', target: 'ab' }],
    }
    const created = await kairos.api('POST', '/api/flows', { name: 'A/B', graph })
    expect(created.status).toBe(201)
    return kairos.api('POST', `/api/flows/${created.body.id}/publish`)
  }

  it('refuses weights past 10,000 (1e308 overflowed the sum), naming each one', async () => {
    const { status, body } = await publish([{ port: 'a', weight: 1e308 }, { port: 'b', weight: 1e308 }], { weight: 10_001 })
    expect(status).toBe(400)
    expect(body.error.code).toBe('KAIROS_FLOW_INVALID')
    expect(body.error.details.map((d: any) => `${d.node}|${d.field}`)).toEqual(['ab|config.arms[0].weight', 'ab|config.arms[1].weight', 'ab|config.holdout.weight'])
    expect(body.error.details[0].message).toBe('must be <= 10000')
  })

  it('publishes weights of exactly 10,000, and fractions above 0 as before', async () => {
    expect((await publish([{ port: 'a', weight: 10_000 }, { port: 'b', weight: 10_000 }], { weight: 10_000 })).status).toBe(200)
    expect((await publish([{ port: 'a', weight: 0.5 }, { port: 'b', weight: 1 }])).status).toBe(200)
  })
})
