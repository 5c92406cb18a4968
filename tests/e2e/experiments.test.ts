// Experiments in the editor, end to end: the policies page sets the workspace control group's share
// with its plain-language help (en and zh-CN), saved and read back through the API with the salt
// Kairos chose; and an auto-winner split, once the real worker's check decided, carries
// "Winner: b since …" on the canvas (B 组 in Chinese). KAIROS_E2E_SHOTS=<dir> keeps screenshots.
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { connectDb } from '@kairos/server'
import type { E2EBrowser } from '../support/e2e-browser.ts'
import type { KairosProcess } from '../support/e2e-kairos-process.ts'
import { browserSession } from '../support/e2e-session.ts'

let kairos: KairosProcess
let browser: E2EBrowser
const ready = browserSession((started) => ({ browser, kairos } = started))
const shot = async (name: string) => {
  if (process.env.KAIROS_E2E_SHOTS) await browser.page.screenshot({ path: `${process.env.KAIROS_E2E_SHOTS}/${name}.png` })
}
const inLocale = async (locale: 'en' | 'zh-CN', url: string) => {
  const { page } = browser
  await page.goto(url)
  await page.evaluate((value) => localStorage.setItem('kairos.locale', value), locale)
  await page.reload()
}

describe('experiments in the editor', () => {
  it('sets the control group on the policies page, in words, and keeps its salt', { timeout: 120_000 }, async () => {
    ready()
    const { page } = browser
    await inLocale('en', `${kairos.url}/#/settings/policies`)
    const panel = page.getByTestId('control-group')
    await expect.poll(() => panel.innerText(), { timeout: 15_000 }).toContain('Control group')
    await panel.getByTestId('control-group-percent').fill('5')
    await panel.getByTestId('control-group-percent').dispatchEvent('change')
    expect(await panel.innerText()).toContain('5% of contacts get no marketing message, so you can see what the journeys add.')
    await page.getByTestId('policies-save').click()
    await expect.poll(() => page.getByTestId('policies-saved').count(), { timeout: 10_000 }).toBe(1)
    const saved = (await kairos.api('GET', '/api/policies')).body.controlGroup
    expect(saved.percent).toBe(5)
    expect(saved.salt).toMatch(/^[A-Za-z0-9_-]{8,}$/)

    // Raised in Chinese: the same salt goes back, so the same contacts stay in.
    await inLocale('zh-CN', `${kairos.url}/#/settings/policies`)
    await expect.poll(() => panel.innerText(), { timeout: 15_000 }).toContain('全局对照组')
    expect(await panel.innerText()).toContain('5% 的联系人不会收到任何营销消息，这样就能看出旅程带来的提升。')
    await panel.getByTestId('control-group-percent').fill('10')
    await panel.getByTestId('control-group-percent').dispatchEvent('change')
    await page.getByTestId('policies-save').click()
    await expect.poll(async () => (await kairos.api('GET', '/api/policies')).body.controlGroup, { timeout: 10_000 }).toEqual({ percent: 10, salt: saved.salt })
    await shot('policies-control-group-zh')
  })

  it('marks an auto-winner split with its winner on the canvas once decided', { timeout: 180_000 }, async () => {
    ready()
    const { page } = browser
    const created = await kairos.api('POST', '/api/flows', {
      name: 'Coupon or reminder',
      graph: {
        nodes: [
          { id: 'due', type: 'trigger.event', config: { event: 'renewal_due' }, position: { x: 0, y: 0 } },
          { id: 'ab', type: 'split', version: 2, config: { arms: [{ port: 'a', weight: 50 }, { port: 'b', weight: 50 }], autoWinner: { after: { minPerArm: 5 }, confidence: 0.95 } }, position: { x: 0, y: 160 } },
          { id: 'waitA', type: 'wait', config: { for: '3d' }, position: { x: -200, y: 320 } },
          { id: 'waitB', type: 'wait', config: { for: '3d' }, position: { x: 200, y: 320 } },
        ],
        edges: [{ source: 'due', target: 'ab' }, { source: 'ab', sourcePort: 'a', target: 'waitA' }, { source: 'ab', sourcePort: 'b', target: 'waitB' }],
        settings: { goal: { event: 'order_placed', within: '7d' } },
      },
    })
    const flowId = created.body.id
    expect((await kairos.api('POST', `/api/flows/${flowId}/publish`, {})).status).toBe(200)
    const members = Array.from({ length: 40 }, (_, i) => `renewer-${i}`)
    await kairos.api('POST', '/api/events', { events: members.map((contact) => ({ contact, name: 'renewal_due' })) })
    const runs = async () => (await kairos.api('GET', `/api/runs?flow=${flowId}&limit=100`)).body.runs as Array<{ contact: string; nodeId: string }>
    await expect.poll(async () => (await runs()).filter((r) => r.nodeId.startsWith('wait')).length, { timeout: 30_000 }).toBe(40)
    const armB = (await runs()).filter((r) => r.nodeId === 'waitB').map((r) => r.contact)
    await kairos.api('POST', '/api/events', { events: armB.map((contact) => ({ contact, name: 'order_placed' })) })

    // Undecided: no mark.
    await inLocale('en', `${kairos.url}/#/flows/${flowId}`)
    await expect.poll(() => page.locator('[data-node-id="ab"]').count(), { timeout: 15_000 }).toBe(1)
    expect(await page.getByTestId('split-winner').count()).toBe(0)

    // The check runs an hour after publishing: made due now (the browser test has no fake clock).
    const handle = connectDb(kairos.databaseUrl, { max: 1 })
    try {
      await sql`select graphile_worker.reschedule_jobs(array(select id from graphile_worker.jobs where key = ${`kairos:auto-winner:${flowId}:1`}), run_at := now())`.execute(handle.db)
    } finally {
      await handle.close()
    }
    await expect.poll(async () => (await kairos.api('GET', `/api/flows/${flowId}/report`)).body.decisions?.ab?.arm, { timeout: 30_000 }).toBe('b')

    await inLocale('en', `${kairos.url}/#/flows/${flowId}`)
    const mark = page.locator('[data-node-id="ab"]').getByTestId('split-winner')
    await expect.poll(() => mark.count(), { timeout: 15_000 }).toBe(1)
    expect(await mark.innerText()).toMatch(/^Winner: b since .+\d{2}:\d{2}$/)
    expect(await mark.getAttribute('title')).toMatch(/^b converted better at 95% confidence \(p = .+\), so new contacts go down b\./)
    await shot('canvas-split-winner-en')

    await inLocale('zh-CN', `${kairos.url}/#/flows/${flowId}`)
    await expect.poll(() => mark.count(), { timeout: 15_000 }).toBe(1)
    expect(await mark.innerText()).toMatch(/^胜出组：B 组，自 .+ 起$/)
  })
})
