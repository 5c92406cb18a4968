// Managing runs in the editor, end to end: two runs whose worker "was down" are overdue; the
// operator opens Runs → Stuck & failed, sees them with the reason, selects all matching, and
// the confirmation says how many runs it cancels. The third, on time, is left alone.
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { connectDb } from '@kairos/server'
import type { E2EBrowser } from '../support/e2e-browser.ts'
import type { KairosProcess } from '../support/e2e-kairos-process.ts'
import { browserSession } from '../support/e2e-session.ts'

let kairos: KairosProcess
let browser: E2EBrowser
const ready = browserSession((started) => ({ browser, kairos } = started))

describe('runs an operator can manage, in the editor', () => {
  it('lists overdue runs and cancels all matching after a confirmation with the count', { timeout: 120_000 }, async () => {
    ready()
    const { page } = browser
    const created = await kairos.api('POST', '/api/flows', {
      name: 'Overdue follow-up',
      graph: {
        nodes: [
          { id: 'entry', type: 'trigger.event', config: { event: 'signed_up' }, position: { x: 0, y: 0 } },
          { id: 'hold', type: 'wait', config: { for: '1h' }, position: { x: 0, y: 150 } },
          { id: 'hello', type: 'send.sms', config: { text: 'Hello' }, position: { x: 0, y: 300 } },
        ],
        edges: [{ source: 'entry', target: 'hold' }, { source: 'hold', target: 'hello' }],
        settings: { reentry: 'always' },
      },
    })
    const flowId = created.body.id
    expect((await kairos.api('POST', `/api/flows/${flowId}/publish`, {})).status).toBe(200)
    await kairos.api('POST', '/api/events', { events: ['ada', 'bo', 'cy'].map((contact) => ({ contact, name: 'signed_up' })) })
    const runsOf = async () => (await kairos.api('GET', `/api/runs?flow=${flowId}`)).body.runs as Array<{ id: string; contact: string; status: string }>
    await expect.poll(async () => (await runsOf()).filter((r) => r.status === 'waiting').length, { timeout: 10_000 }).toBe(3)

    // ada's and bo's wake time passed 20 minutes ago and nothing moved them (their worker was down).
    const db = connectDb(kairos.databaseUrl, { max: 1 })
    await sql`update runs set wake_at = now() - interval '20 minutes' where flow_id = ${flowId}
      and contact_id in (select id from contacts where external_id in ('ada', 'bo'))`.execute(db.db)
    await db.close()

    await page.goto(`${kairos.url}/#/flows/${flowId}`)
    await page.getByTestId('tab-runs').click()
    await page.getByTestId('runs-stuck').click()
    await expect.poll(() => page.getByTestId('stuck-row').count()).toBe(2)
    expect(await page.getByTestId('stuck-counts').textContent()).toContain('2 overdue')
    expect(await page.getByTestId('stuck-runs').textContent()).toMatch(/Overdue.*at hold · 20 min late/s)

    await page.getByTestId('stuck-all').check()
    await page.getByTestId('stuck-cancel').click()
    expect(await page.getByTestId('confirm-dialog').textContent()).toContain('Cancel 2 runs?')
    await page.getByTestId('confirm-ok').click()
    await expect.poll(() => page.getByTestId('stuck-done').textContent()).toBe('Cancelled 2 runs.')
    expect(await page.getByTestId('stuck-row').count()).toBe(0)

    const statuses = Object.fromEntries((await runsOf()).map((r) => [r.contact, r.status]))
    expect(statuses).toEqual({ ada: 'cancelled', bo: 'cancelled', cy: 'waiting' })
  })
})
