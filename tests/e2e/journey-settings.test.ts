// A journey's own settings in the editor, end to end: re-entry after a cooldown, "at most 2
// marketing SMS a day, none 21:00–09:00", a goal, set in the Journey panel, saved, seen again after
// a reload and in the server's flow document; an SMS step's channel created in place from its
// channel field and chosen; an unknown template variable acknowledged before publishing.
import { describe, expect, it } from 'vitest'
import type { E2EBrowser } from '../support/e2e-browser.ts'
import { canvasOf } from '../support/e2e-canvas.ts'
import type { KairosProcess } from '../support/e2e-kairos-process.ts'
import { browserSession } from '../support/e2e-session.ts'

let kairos: KairosProcess
let browser: E2EBrowser
const ready = browserSession((started) => ({ browser, kairos } = started))
// KAIROS_SCREENSHOTS=docs/images regenerates docs/images/journey-settings-en.png and -zh.png.
const shot = async (name: string) => {
  const dir = process.env.KAIROS_SCREENSHOTS ?? process.env.KAIROS_E2E_SHOTS
  if (!dir) return
  // Tall enough that the whole panel shows without its scroll bar, then back.
  const size = browser.page.viewportSize()
  await browser.page.setViewportSize({ width: 1280, height: 1700 })
  await browser.page.getByTestId('journey-settings').screenshot({ path: `${dir}/${name}.png` })
  if (size) await browser.page.setViewportSize(size)
}
const saved = () => expect.poll(() => browser.page.getByTestId('save-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved')

describe('journey settings in the editor', () => {
  it('sets caps, quiet hours, a goal and a re-entry cooldown, keeps them across a reload, and the API returns them', { timeout: 120_000 }, async () => {
    ready()
    const { page } = browser
    const created = await kairos.api('POST', '/api/flows', {
      name: 'Renewal reminders (settings e2e)',
      graph: {
        nodes: [
          { id: 'due', type: 'trigger.event', label: 'Renewal due', config: { event: 'renewal_due' }, position: { x: 0, y: 0 } },
          { id: 'sms', type: 'send.sms', label: 'Renewal SMS', config: { text: 'Hi {{ contact.name }}, your {{ contact.tier }} membership ends soon.' }, position: { x: 0, y: 180 } },
        ],
        edges: [{ source: 'due', target: 'sms' }],
      },
    })
    expect(created.status).toBe(201)
    const flowId = created.body.id
    expect((await kairos.api('PUT', '/api/contacts/mei', { attributes: { name: 'Mei', phone: '+8613800000001' } })).status).toBeLessThan(300)

    await page.goto(`${kairos.url}/#/flows/${flowId}`)
    await page.getByTestId('tab-journey').click()
    const panel = page.getByTestId('journey-settings')

    // Re-entry after a cooldown of 30 days (the default offered), said back in words.
    await panel.getByTestId('reentry-after').check()
    await expect.poll(() => panel.getByTestId('reentry-help').innerText()).toBe('A contact may start again once 30 days have passed since they last entered.')

    // The seed scenario: at most 2 marketing SMS a day (the cap a new row starts as), none 21:00–09:00.
    await panel.getByTestId('cap-add').click()
    await expect.poll(() => panel.getByTestId('caps-sentences').innerText()).toBe('At most 2 marketing SMS a day per contact, counting every journey.')
    await panel.getByTestId('quiet-own').check()
    await expect.poll(() => panel.getByTestId('quiet-help').innerText()).toBe(
      'No marketing message from 21:00 until 09:00 in the contact’s timezone; one due then waits until 09:00.',
    )
    // 24-hour inputs: 22 is offered as an hour, no AM/PM anywhere.
    expect(await panel.getByTestId('quiet-times').locator('select[data-part="hour"]').first().locator('option').allInnerTexts()).toContain('22')

    // The goal: an order within 7 days, which also ends the journey.
    await panel.getByTestId('goal-on').check()
    await panel.getByTestId('goal-event').fill('order_placed')
    await panel.getByTestId('goal-event').press('Tab')
    await panel.getByTestId('goal-ends').check()
    await expect.poll(() => panel.getByTestId('goal-help').innerText()).toBe(
      'A contact who does “order_placed” within 7 days of entering counts as converted in the journey’s results.',
    )
    await saved()
    await shot('journey-settings-en')

    const expected = {
      reentry: 'after',
      reentryAfter: '30d',
      exitOn: ['order_placed'],
      timezone: 'UTC',
      caps: [{ channel: 'sms', max: 2, per: '1d' }],
      quietHours: { from: '21:00', to: '09:00' },
      goal: { event: 'order_placed', within: '7d' },
    }
    expect((await kairos.api('GET', `/api/flows/${flowId}`)).body.graph.settings).toEqual(expected)

    // After a reload the form shows what is stored.
    await page.reload()
    await page.getByTestId('tab-journey').click()
    await expect.poll(() => panel.getByTestId('reentry-after').isChecked()).toBe(true)
    expect(await panel.getByTestId('cap-max').inputValue()).toBe('2')
    expect(await panel.getByTestId('cap-channel').inputValue()).toBe('sms')
    expect(await panel.getByTestId('quiet-own').isChecked()).toBe(true)
    expect(await panel.getByTestId('quiet-times').locator('select').evaluateAll((s) => s.map((e) => (e as unknown as { value: string }).value))).toEqual(['21', '00', '09', '00'])
    expect(await panel.getByTestId('goal-event').inputValue()).toBe('order_placed')
    expect(await panel.getByTestId('goal-ends').isChecked()).toBe(true)

    // The same panel in Chinese.
    await page.evaluate(() => localStorage.setItem('kairos.locale', 'zh-CN'))
    await page.reload()
    await page.getByTestId('tab-journey').click()
    await expect.poll(() => panel.getByTestId('caps-sentences').innerText()).toBe('每位联系人每天最多收到 2 条营销短信（统计所有旅程）。')
    expect(await panel.getByTestId('quiet-help').innerText()).toBe('按联系人所在时区，21:00 至 09:00 之间不发送营销消息；这段时间内到点的消息会等到 09:00 再发。')
    await shot('journey-settings-zh')
    await page.evaluate(() => localStorage.setItem('kairos.locale', 'en'))
    expect(browser.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([])
  })

  it('creates the SMS step’s channel in place and chooses it; an unknown variable is acknowledged before publishing', { timeout: 120_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    const created = await kairos.api('POST', '/api/flows', {
      name: 'Welcome SMS (channel in place e2e)',
      graph: {
        nodes: [
          { id: 'start', type: 'trigger.event', config: { event: 'signed_up' }, position: { x: 0, y: 0 } },
          { id: 'welcome', type: 'send.sms', label: 'Welcome SMS', config: { text: 'Welcome {{ contact.nmae }}!' }, position: { x: 0, y: 180 } },
        ],
        edges: [{ source: 'start', target: 'welcome' }],
      },
    })
    const flowId = created.body.id
    await page.reload()
    await page.goto(`${kairos.url}/#/flows/${flowId}`)
    await ui.select('welcome')
    const field = ui.field('config.channel')
    await expect.poll(() => field.getByTestId('channel-none').innerText()).toMatch(/^No SMS over HTTP( \/ [\w. \/]+)? channel yet\.\s+New channel…$/)
    await field.getByTestId('channel-new').click()
    const dialog = page.getByTestId('channel-create-dialog')
    // The form offers the kinds the step takes (every SMS provider), no others.
    await expect.poll(() => dialog.getByTestId('channel-kind').locator('option').evaluateAll((o) => o.map((e) => (e as unknown as { value: string }).value))).toContain('sms.http')
    expect(await dialog.getByTestId('channel-kind').locator('option[value="wecom.robot"]').count()).toBe(0)
    await dialog.getByTestId('channel-kind').selectOption('sms.http')
    await dialog.getByTestId('channel-name').fill('sms-welcome')
    await dialog.locator('[data-field="body.config.url"] input').fill('http://127.0.0.1:9/sms')
    await dialog.getByTestId('channel-save').click()
    await expect.poll(() => dialog.count()).toBe(0)
    await expect.poll(() => field.getByTestId('channel-picker').inputValue()).toBe('sms-welcome')
    await saved()
    expect((await kairos.api('GET', '/api/channels/sms-welcome')).body).toMatchObject({ name: 'sms-welcome', kind: 'sms.http' })
    expect((await kairos.api('GET', `/api/flows/${flowId}`)).body.graph.nodes.find((n: { id: string }) => n.id === 'welcome').config.channel).toBe('sms-welcome')

    // "nmae" is a typo no contact has: the publish dialog names the step and the field, and waits for a tick.
    await page.getByTestId('publish').click()
    await expect.poll(() => page.getByTestId('publish-warning').allInnerTexts()).toEqual([expect.stringMatching(/^Welcome SMS › \S.* uses \{\{ contact\.nmae \}\}, which no contact has$/)])
    expect(await page.getByTestId('publish-confirm').isDisabled()).toBe(true)
    if (process.env.KAIROS_E2E_SHOTS) await page.screenshot({ path: `${process.env.KAIROS_E2E_SHOTS}/publish-warnings.png` })
    // "Show the step" closes the dialog on the step whose template to fix.
    await page.getByTestId('publish-warning-show').click()
    await expect.poll(() => page.getByTestId('publish-dialog').count()).toBe(0)
    await expect.poll(() => page.getByTestId('tab-step').getAttribute('aria-selected')).toBe('true')
    // The step carries the warning on the canvas too.
    expect(await ui.node('welcome').getByTestId('node-variable-warnings').getAttribute('title')).toMatch(/^• \S.* uses \{\{ contact\.nmae \}\}, which no contact has$/)
    await page.getByTestId('publish').click()
    await page.getByTestId('publish-acknowledge').check()
    await page.getByTestId('publish-confirm').click()
    await expect.poll(() => kairos.api('GET', `/api/flows/${flowId}`).then((r) => r.body.publishedVersion)).toBe(1)
    expect(browser.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([])
  })

  it('names a settings problem by its label, in words, never by its path', { timeout: 60_000 }, async () => {
    ready()
    const { page } = browser
    // Written through the API (the panel always offers a cooldown): re-entry "after" with none.
    const created = await kairos.api('POST', '/api/flows', {
      name: 'No cooldown (settings e2e)',
      graph: { nodes: [{ id: 'due', type: 'trigger.event', config: { event: 'renewal_due' }, position: { x: 0, y: 0 } }], settings: { reentry: 'after' } },
    })
    await page.goto(`${kairos.url}/#/flows/${created.body.id}`)
    await page.getByTestId('publish').click()
    const panel = page.getByTestId('journey-settings')
    await expect.poll(() => panel.getByTestId('settings-problems').locator('li').allInnerTexts()).toEqual([
      'Cooldown: choose how long a contact waits before entering again (e.g. 30 days)',
    ])
    expect(await panel.innerText()).not.toContain('settings.')
  })

  it('an editor cannot create a channel in place and is told who can', { timeout: 60_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    const editor = { email: 'eddie.editor@kairos.e2e', name: 'Eddie Editor', password: 'editor-password-1' }
    expect((await kairos.api('POST', '/api/users', { ...editor, role: 'editor' })).status).toBe(201)
    const created = await kairos.api('POST', '/api/flows', {
      name: 'Webhook (editor e2e)',
      graph: { nodes: [{ id: 'start', type: 'trigger.event', config: { event: 'signed_up' }, position: { x: 0, y: 0 } }, { id: 'crm', type: 'webhook', config: {}, position: { x: 0, y: 180 } }], edges: [{ source: 'start', target: 'crm' }] },
    })
    await browser.signIn(kairos.url, editor)
    // A new page load, so the editor reads who is signed in now.
    await page.goto(`${kairos.url}/#/flows/${created.body.id}`)
    await page.reload()
    await ui.select('crm')
    const field = ui.field('config.channel')
    await expect.poll(() => field.getByTestId('channel-admin-only').innerText()).toBe('Only an administrator can add channels: ask one to add a Webhook channel in')
    expect(await field.getByTestId('channel-new').count()).toBe(0)
    expect(await field.getByTestId('channel-settings-link').innerText()).toBe('Settings → Channels')
  })
})
