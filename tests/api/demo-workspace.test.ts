import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDemoOnce } from '@kairos/server'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// What a newcomer's `npm start` loads: two published journeys (one started by an event,
// one by a date), a segment and three contacts, once per database.
// Fake time must lie ahead of the real clock (see startTestKairos): next year's 9 December.
const YEAR = new Date().getUTCFullYear() + 1

describe('the demo workspace', () => {
  let kairos: TestKairos

  beforeAll(async () => {
    // The day before Ada's birthday.
    kairos = await startTestKairos({ startAt: `${YEAR}-12-09T12:00:00Z` })
  })
  afterAll(() => kairos?.stop())

  it('loads once: journeys published, a segment, contacts', async () => {
    expect(await loadDemoOnce(kairos.core)).toBe(true)
    expect(await loadDemoOnce(kairos.core)).toBe(false)
    const { flows } = (await kairos.api('GET', '/api/flows')).body
    expect(flows.map((f: any) => [f.name, f.status, f.publishedVersion]).sort()).toEqual([
      ['Birthday coupon (demo)', 'active', 1],
      ['Cart abandonment (demo)', 'active', 1],
    ])
    const { segments } = (await kairos.api('GET', '/api/segments')).body
    const premium = segments.find((s: any) => s.name === 'Premium members (demo)')
    expect((await kairos.api('GET', `/api/segments/${premium.id}/preview?sample=5`)).body).toMatchObject({ count: 1, sample: [{ externalId: 'ada' }] })
  })

  it("greets Ada with a coupon at 09:00 on her birthday, in Shanghai", async () => {
    await kairos.drain()
    await kairos.advance('13h') // 10 December, 01:00 UTC = 09:00 in Shanghai
    const { deliveries } = (await kairos.api('GET', '/api/deliveries?contact=ada')).body
    expect(deliveries).toHaveLength(1)
    expect(deliveries[0].body).toMatch(/^Happy birthday Ada! Here is 15% off today: BDAY-[A-Z0-9]{6}$/)
    expect(deliveries[0].createdAt).toBe(`${YEAR}-12-10T01:00:00.000Z`)
  })
})
