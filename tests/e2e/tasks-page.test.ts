// The Tasks page, end to end: a journey's call step gives the contact's owner a call task; the
// rep, signed in as a sales user, sees it with the contact's name and the journey, logs the call
// with its outcome and a note, and the journey goes on through that outcome's path.
import { describe, expect, it } from 'vitest'
import type { E2EBrowser } from '../support/e2e-browser.ts'
import type { KairosProcess } from '../support/e2e-kairos-process.ts'
import { browserSession } from '../support/e2e-session.ts'

let kairos: KairosProcess
let browser: E2EBrowser
const ready = browserSession((started) => ({ browser, kairos } = started), { signedIn: false })
const REP = { email: 'li.wei@shop.example', password: 'li-wei-password-1' }

describe('tasks page', () => {
  it('lets a sales rep log a call task with its outcome, which moves the journey on', { timeout: 90_000 }, async () => {
    ready()
    expect((await kairos.api('PUT', '/api/sales-reps/li.wei', { name: '李伟' })).status).toBe(200)
    expect((await kairos.api('POST', '/api/users', { ...REP, name: '李伟', role: 'sales', salesRepId: 'li.wei' })).status).toBe(201)
    const ports = ['answered', 'no_answer', 'busy', 'timeout', 'failed']
    const graph = {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'renewal_due' } },
        { id: 'call', type: 'call', config: { mode: 'task', timeout: '1d' } },
        ...ports.map((port) => ({ id: port, type: 'tag', config: { add: [`call-${port}`] } })),
      ],
      edges: [{ source: 'in', target: 'call' }, ...ports.map((port) => ({ source: 'call', sourcePort: port, target: port }))],
    }
    const flow = await kairos.api('POST', '/api/flows', { name: '高级会员续费提醒', graph })
    expect((await kairos.api('POST', `/api/flows/${flow.body.id}/publish`, {})).status).toBe(200)
    await kairos.api('PUT', '/api/contacts/m-001', { attributes: { name: '王芳', phone: '+8613700000001' }, ownerId: 'li.wei' })
    await kairos.api('POST', '/api/events', { contact: 'm-001', name: 'renewal_due' })
    await expect.poll(async () => (await kairos.api('GET', '/api/tasks?contact=m-001')).body.tasks.length, { timeout: 15_000 }).toBe(1)

    const { page } = browser
    await browser.signIn(kairos.url, REP)
    await page.goto(`${kairos.url}/#/tasks`)
    const row = page.getByTestId('task-row').first()
    await expect.poll(() => row.innerText()).toContain('王芳')
    expect(await row.innerText()).toContain('高级会员续费提醒')
    if (process.env.KAIROS_E2E_SHOTS) await page.screenshot({ path: `${process.env.KAIROS_E2E_SHOTS}/tasks.png` })
    await row.getByTestId('task-complete').click()
    const dialog = page.getByTestId('complete-task')
    expect(await dialog.getByTestId('task-complete-submit').isDisabled()).toBe(true)
    await dialog.getByTestId('outcome-answered').check()
    await dialog.getByTestId('task-notes').fill('Renews next week')
    if (process.env.KAIROS_E2E_SHOTS) await page.screenshot({ path: `${process.env.KAIROS_E2E_SHOTS}/tasks-complete.png` })
    await dialog.getByTestId('task-complete-submit').click()
    await expect.poll(() => page.getByTestId('task-row').count()).toBe(0)
    const [task] = (await kairos.api('GET', '/api/tasks?contact=m-001&status=done')).body.tasks
    expect(task).toMatchObject({ status: 'done', outcome: 'answered', notes: 'Renews next week' })
    await expect.poll(async () => (await kairos.api('GET', '/api/contacts/m-001')).body.tags, { timeout: 15_000 }).toContain('call-answered')
    expect(browser.errors).toEqual([])
  })
})
