// Settings pages, end to end: an administrator sets the workspace up from the browser alone: an
// SMS channel through the sms.http kind's form (to a fake provider on 127.0.0.1) and a test
// message the fake receives, frequency caps and quiet hours, a sales rep, a coupon pool with
// codes uploaded from a file. The server's state is read back through the API to check.
import { describe, expect, it } from 'vitest'
import type { E2EBrowser } from '../support/e2e-browser.ts'
import { fakeHttpProvider } from '../support/fake-http-provider.ts'
import type { KairosProcess } from '../support/e2e-kairos-process.ts'
import { browserSession } from '../support/e2e-session.ts'

let kairos: KairosProcess
let browser: E2EBrowser
const ready = browserSession((started) => ({ browser, kairos } = started))
// Pictures of each page for a person to look at (KAIROS_E2E_SHOTS=/tmp/shots).
// KAIROS_SCREENSHOTS=docs/images regenerates the Chinese pictures the README shows.
const shot = async (name: string) => {
  if (process.env.KAIROS_E2E_SHOTS) await browser.page.screenshot({ path: `${process.env.KAIROS_E2E_SHOTS}/${name}.png`, fullPage: true })
  if (process.env.KAIROS_SCREENSHOTS && name.endsWith('-zh')) await browser.page.screenshot({ path: `${process.env.KAIROS_SCREENSHOTS}/${name}.png` })
}

describe('settings pages', () => {
  it('creates an SMS channel through its form and sends a test message the provider receives', { timeout: 90_000 }, async () => {
    ready()
    const provider = fakeHttpProvider()
    const url = await provider.listen()
    const { page } = browser
    try {
      await page.goto(`${kairos.url}/#/flows`)
      await page.getByTestId('nav-settings').click()
      await expect.poll(() => page.url()).toContain('#/settings/channels')
      await page.getByTestId('add-channel').click()
      const form = page.getByTestId('channel-form')
      await form.getByTestId('channel-name').fill('sms-main')
      await form.getByTestId('channel-kind').selectOption('sms.http')
      await form.locator('[data-field="body.config.url"] input').fill(`${url}/sms`)
      expect(await form.getByTestId('secret-state').innerText()).toBe('not set')
      await form.getByTestId('secret-token').fill('sk-e2e-1')
      await form.getByTestId('channel-rate').fill('5')
      await shot('settings-channel-form')
      await form.getByTestId('channel-save').click()
      const row = page.locator('[data-testid=channel-row][data-name="sms-main"]')
      await expect.poll(() => row.count()).toBe(1)
      expect(await row.innerText()).toContain('token: set')
      expect(await row.innerText()).not.toContain('sk-e2e-1')
      const stored = (await kairos.api('GET', '/api/channels/sms-main')).body
      expect(stored).toMatchObject({ kind: 'sms.http', config: { url: `${url}/sms` }, secretsSet: ['token'], ratePerSecond: 5 })

      // Editing with the secret left blank keeps it.
      await row.getByTestId('channel-edit').click()
      expect(await page.getByTestId('secret-state').innerText()).toBe('set')
      await page.getByTestId('channel-rate').fill('')
      await page.getByTestId('channel-save').click()
      await expect.poll(async () => (await kairos.api('GET', '/api/channels/sms-main')).body.ratePerSecond).toBe(null)
      expect((await kairos.api('GET', '/api/channels/sms-main')).body.secretsSet).toEqual(['token'])
      await shot('settings-channels')

      await row.getByTestId('channel-test-open').click()
      const dialog = page.getByTestId('channel-test')
      await dialog.getByTestId('test-to').fill('+8613900000001')
      await dialog.getByTestId('test-body').fill('Hello from the settings page')
      await dialog.getByTestId('test-send').click()
      await expect.poll(() => dialog.getByTestId('test-result').getAttribute('data-ok')).toBe('true')
      expect(provider.received).toHaveLength(1)
      expect(provider.received[0].headers.authorization).toBe('Bearer sk-e2e-1')
      expect(provider.received[0].body).toMatchObject({ to: '+8613900000001', body: 'Hello from the settings page' })
      await shot('settings-channel-test')
      // A refusal shows as the provider's answer.
      provider.script([401])
      await dialog.getByTestId('test-send').click()
      await expect.poll(() => dialog.getByTestId('test-result').getAttribute('data-ok')).toBe('false')
      expect(await dialog.getByTestId('test-result').innerText()).toContain('provider answered HTTP 401')
      await page.keyboard.press('Escape')
    } finally {
      await provider.close()
    }
  })

  it('sets a cap of 2 SMS a day and quiet hours 21:00 to 09:00 on the 24-hour clock', { timeout: 60_000 }, async () => {
    ready()
    const { page } = browser
    await page.goto(`${kairos.url}/#/settings/policies`)
    const form = page.getByTestId('policies-form')
    await form.getByTestId('cap-add').click()
    const cap = form.getByTestId('cap-row').first()
    await cap.getByTestId('cap-max').fill('2')
    await cap.getByTestId('cap-channel').selectOption('sms')
    await cap.getByTestId('cap-amount').fill('1')
    await cap.getByTestId('cap-unit').selectOption('d')
    await form.getByTestId('quiet-on').check()
    await form.locator('[data-testid=quiet-from] [data-part=hour]').selectOption('21')
    await form.locator('[data-testid=quiet-to] [data-part=hour]').selectOption('09')
    await shot('settings-policies')
    await form.getByTestId('policies-save').click()
    await expect.poll(() => form.getByTestId('policies-saved').count()).toBe(1)
    const policies = (await kairos.api('GET', '/api/policies')).body
    expect(policies).toMatchObject({ caps: [{ channel: 'sms', max: 2, per: '1d' }], quietHours: { from: '21:00', to: '09:00' }, onCap: 'suppress' })
  })

  it('adds a sales rep and makes them unavailable', { timeout: 60_000 }, async () => {
    ready()
    const { page } = browser
    await page.goto(`${kairos.url}/#/settings/sales-reps`)
    await page.getByTestId('add-rep').click()
    await page.getByTestId('rep-name').fill('李伟')
    await page.getByTestId('rep-id').fill('li.wei')
    await page.getByTestId('rep-team').fill('华东')
    await page.getByTestId('rep-wecom').fill('LiWei')
    await page.getByTestId('rep-phone').fill('+8613800000000')
    await page.getByTestId('rep-save').click()
    const row = page.locator('[data-testid=rep-row][data-id="li.wei"]')
    await expect.poll(() => row.count()).toBe(1)
    expect((await kairos.api('GET', '/api/sales-reps/li.wei')).body).toMatchObject({ name: '李伟', team: '华东', wecomId: 'LiWei', email: null, available: true })
    await shot('settings-reps')
    await row.getByTestId('rep-toggle').click()
    await expect.poll(() => row.getByTestId('rep-status').innerText()).toBe('Unavailable')
    expect((await kairos.api('GET', '/api/sales-reps/li.wei')).body.available).toBe(false)
  })

  it('creates a coupon pool and uploads codes from a CSV, counting repeats and rejects', { timeout: 60_000 }, async () => {
    ready()
    const { page } = browser
    await page.goto(`${kairos.url}/#/settings/coupon-pools`)
    await page.getByTestId('add-pool').click()
    await page.getByTestId('pool-name').fill('续费 9 折')
    await page.getByTestId('pool-id').fill('renewal-10off')
    await page.getByTestId('pool-save').click()
    const upload = page.getByTestId('codes-upload')
    const csv = ['code,note', 'RN-0001,a', 'RN-0002,b', 'RN-0001,again', 'has space,x', 'RN-0003,c', ''].join('\r\n')
    await upload.getByTestId('codes-file').setInputFiles({ name: 'codes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await expect.poll(() => upload.getByTestId('codes-accepted').innerText()).toBe('3 to upload')
    expect(await upload.getByTestId('codes-duplicates').innerText()).toBe('1 repeated in the file')
    expect(await upload.getByTestId('codes-rejected').innerText()).toBe('1 rejected')
    await shot('settings-pool-upload')
    await upload.getByTestId('codes-submit').click()
    const row = page.locator('[data-testid=pool-row][data-id="renewal-10off"]')
    await expect.poll(() => row.getByTestId('pool-remaining').innerText()).toContain('3')
    expect((await kairos.api('GET', '/api/coupon-pools/renewal-10off')).body).toMatchObject({ name: '续费 9 折', total: 3, available: 3 })
    await shot('settings-pools')
  })

  it('refuses to delete a channel a live journey sends through, naming the journey, and deletes one nobody uses', { timeout: 60_000 }, async () => {
    ready()
    const graph = {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'renewal_due' } },
        { id: 'sms', type: 'send.sms', label: '续费短信', config: { text: 'Hi', channel: 'sms-main' } },
      ],
      edges: [{ source: 'in', target: 'sms' }],
    }
    const flow = await kairos.api('POST', '/api/flows', { name: 'Renewal reminder', graph })
    expect((await kairos.api('POST', `/api/flows/${flow.body.id}/publish`, {})).status).toBe(200)
    expect((await kairos.api('PUT', '/api/channels/sms-spare', { kind: 'sms.http', config: { url: 'http://127.0.0.1:9/sms' } })).status).toBe(200)
    const { page } = browser
    await page.goto(`${kairos.url}/#/settings/channels`)
    await page.locator('[data-testid=channel-row][data-name="sms-main"]').getByTestId('channel-delete').click()
    await page.getByTestId('confirm-ok').click()
    await expect.poll(() => page.getByTestId('channel-users').innerText()).toContain('Renewal reminder')
    expect(await page.getByTestId('channel-users').innerText()).toBe('Renewal reminder · v1 · step sms')
    await shot('settings-channel-in-use')
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Cancel' }).click()
    expect((await kairos.api('GET', '/api/channels/sms-main')).status).toBe(200)
    await page.locator('[data-testid=channel-row][data-name="sms-spare"]').getByTestId('channel-delete').click()
    await page.getByTestId('confirm-ok').click()
    await expect.poll(() => page.locator('[data-testid=channel-row][data-name="sms-spare"]').count()).toBe(0)
    expect((await kairos.api('GET', '/api/channels/sms-spare')).status).toBe(404)
  })

  it('speaks Chinese once switched to 中文 in the user menu, and keeps it after a reload', { timeout: 60_000 }, async () => {
    ready()
    const { page } = browser
    await page.goto(`${kairos.url}/#/settings/channels`)
    await page.getByTestId('user-menu').click()
    await page.getByTestId('locale-zh-CN').click()
    await expect.poll(() => page.getByTestId('nav-settings').innerText()).toBe('设置')
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN')
    await page.reload()
    await expect.poll(() => page.getByTestId('settings-channels').innerText()).toBe('渠道')
    expect(await page.getByTestId('add-channel').innerText()).toBe('+ 添加渠道')
    await shot('settings-channels-zh')
    await page.goto(`${kairos.url}/#/settings/policies`)
    await expect.poll(() => page.getByTestId('policies-form').innerText()).toContain('免打扰时段')
    await shot('settings-policies-zh')
    // The refused delete above is the one failed request the browser logs.
    expect(browser.errors.filter((e) => !/status of 409/.test(e))).toEqual([])
    // Back to English for the tests after this one.
    await page.getByTestId('user-menu').click()
    await page.getByTestId('locale-en').click()
  })

  it('shows an editor only the settings they may change: sales reps and coupon pools', { timeout: 60_000 }, async () => {
    ready()
    const editor = { email: 'ed@shop.example', password: 'editor-password-1' }
    expect((await kairos.api('POST', '/api/users', { ...editor, name: 'Ed', role: 'editor' })).status).toBe(201)
    const { page } = browser
    await browser.context.clearCookies()
    await browser.signIn(kairos.url, editor)
    // A new page load, so the editor reads the new session (a hash change alone would not).
    await page.goto(`${kairos.url}/#/flows`)
    await page.reload()
    await expect.poll(() => page.getByTestId('user-role').innerText()).toBe('Editor')
    await page.getByTestId('nav-settings').click()
    await expect.poll(() => page.url()).toContain('#/settings/sales-reps')
    expect(await page.locator('.tabs a').allInnerTexts()).toEqual(['Sales reps', 'Coupon pools'])
    await page.goto(`${kairos.url}/#/settings/channels`)
    await expect.poll(() => page.getByTestId('no-access').count()).toBe(1)
  })
})
