// Accounts end to end: Kairos started like `pnpm start` on an empty database (no bootstrap
// administrator), Debian's Chromium driving the page. The first visitor creates the first
// administrator, builds and publishes a journey, makes an API key in Settings and an
// integration posts an event with it; a viewer then sees the journey read-only and the API
// refuses them a publish. Signing in again after the session ended keeps an unsaved draft,
// and too many failed sign-ins are told plainly.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { E2EBrowser } from '../support/e2e-browser.ts'
import { canvasOf } from '../support/e2e-canvas.ts'
import { E2E_ADMIN, signedInApi, type KairosProcess } from '../support/e2e-kairos-process.ts'
import { browserSession } from '../support/e2e-session.ts'

let kairos: KairosProcess
let browser: E2EBrowser
// KAIROS_SCREENSHOTS=docs/images regenerates first-run.png, login.png, settings-api-keys.png and settings-users.png.
const shots = process.env.KAIROS_SCREENSHOTS
const shoot = async (name: string) => {
  if (shots) await browser.page.screenshot({ path: join(shots, name) })
}

// KAIROS_E2E_DEBUG=1: pictures of the other screens along the way, in /tmp, to look at.
const debugShot = async (name: string) => {
  if (process.env.KAIROS_E2E_DEBUG) await browser.page.screenshot({ path: `/tmp/kairos-e2e-access-${name}.png` })
}

const ready = browserSession((started) => ({ browser, kairos } = started), { kairos: { bootstrapAdmin: false } })

const VIEWER = { email: 'vera.viewer@kairos.e2e', name: 'Vera Viewer', password: 'viewer-password-1' }
let flowId: string
let trigger: string

async function signIn(credentials: { email: string; password: string }): Promise<void> {
  const { page } = browser
  await page.getByTestId('login-email').fill(credentials.email)
  await page.getByTestId('login-password').fill(credentials.password)
  await page.getByTestId('login-submit').click()
  await expect.poll(() => page.getByTestId('user-menu').count()).toBe(1)
}

async function logOut(): Promise<void> {
  const { page } = browser
  await page.getByTestId('user-menu').click()
  await page.getByTestId('logout').click()
  await expect.poll(() => page.getByTestId('login-form').count()).toBe(1)
}

const saved = () => expect.poll(() => browser.page.getByTestId('save-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved')

describe('accounts, roles and API keys in the editor', () => {
  it('creates the first administrator on first run, who builds and publishes a journey', { timeout: 120_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    expect(((await (await fetch(`${kairos.url}/api/auth/status`)).json()) as { setupRequired: boolean }).setupRequired).toBe(true)
    // Asked for a journey's address: the first-run page comes first, and the journeys after.
    await page.goto(`${kairos.url}/#/flows`)
    await expect.poll(() => page.locator('h1').innerText()).toBe('Create the first administrator')
    await page.getByTestId('setup-email').fill(E2E_ADMIN.email)
    await page.getByTestId('setup-name').fill(E2E_ADMIN.name)
    // A short password is refused before it reaches the server, in words.
    await page.getByTestId('setup-password').fill('short')
    await page.getByTestId('setup-confirm').fill('short')
    await page.getByTestId('setup-submit').click()
    await expect.poll(() => page.getByTestId('setup-form').innerText()).toContain('at least 10 characters')
    await page.getByTestId('setup-password').fill(E2E_ADMIN.password)
    await page.getByTestId('setup-confirm').fill(E2E_ADMIN.password)
    await shoot('first-run.png')
    await page.getByTestId('setup-submit').click()
    await expect.poll(() => page.getByTestId('user-menu').innerText()).toContain(E2E_ADMIN.name)
    expect(await page.getByTestId('user-role').innerText()).toBe('Admin')
    expect(await page.locator('h1').innerText()).toBe('Journeys')
    expect(((await (await fetch(`${kairos.url}/api/auth/status`)).json()) as { setupRequired: boolean }).setupRequired).toBe(false)

    // A small journey: when someone signs up, tag them.
    await page.getByTestId('new-flow').click()
    await page.getByTestId('flow-name').fill('Welcome tag (e2e)')
    await page.getByTestId('flow-name').press('Enter')
    trigger = await ui.drop('trigger.event', { x: 330, y: 60 })
    await ui.field('config.event').locator('input').fill('signed_up')
    const tag = await ui.drop('tag', { x: 330, y: 220 })
    await ui.field('config.add').locator('input').fill('welcomed')
    await ui.field('config.add').locator('input').press('Enter')
    await ui.connect(trigger, 'next', tag)
    await saved()
    flowId = decodeURIComponent(new URL(page.url()).hash.split('/')[2])
    // No name to give first: the server knows who is publishing.
    await page.getByTestId('publish').click()
    await expect.poll(() => page.getByTestId('flow-status').getAttribute('data-status')).toBe('active')
    expect((await kairos.api('GET', `/api/flows/${flowId}/versions`)).body.versions[0].publishedBy).toContain(E2E_ADMIN.email)

    // History lists the version and, below, who saved and published it.
    await page.getByTestId('tab-history').click()
    await expect.poll(() => page.getByTestId('audit-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).toContain('flow.publish')
    expect(await page.getByTestId('audit-trail').innerText()).toMatch(/published v1/)
    await debugShot('history')
  })

  it('creates an API key in Settings whose secret, shown once, lets an integration post an event', { timeout: 90_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    expect((await kairos.api('PUT', '/api/contacts/e2e-key-ada', { attributes: { name: 'Ada' } })).status).toBeLessThan(300)

    await page.getByTestId('nav-settings').click()
    await page.getByTestId('settings-api-keys').click()
    await page.getByTestId('add-key').click()
    await page.getByTestId('key-name').fill('Shop events')
    expect(await page.locator('[data-testid=key-scope][data-scope="events:write"]').isChecked()).toBe(true)
    await debugShot('key-form')
    await page.getByTestId('key-create-submit').click()
    const secret = await page.getByTestId('key-secret').inputValue()
    expect(secret).toMatch(/^kai_/)
    expect(await page.getByTestId('key-secret-panel').innerText()).toContain('You will not see it again')
    const row = page.locator('[data-testid=key-row][data-name="Shop events"]')
    expect(secret.startsWith((await row.locator('code').innerText()).replace(/…$/, ''))).toBe(true)
    await shoot('settings-api-keys.png')
    await page.getByTestId('key-secret-done').click()
    expect(await page.getByTestId('key-secret-panel').count()).toBe(0)

    // The integration: only the key, no cookie.
    const posted = await fetch(`${kairos.url}/api/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ contact: 'e2e-key-ada', name: 'signed_up' }),
    })
    expect([201, 202], await posted.clone().text()).toContain(posted.status)
    // An events key reads nothing.
    expect((await fetch(`${kairos.url}/api/flows`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(403)

    // The run it started, on the canvas and in the Runs tab.
    await page.goto(`${kairos.url}/#/flows/${flowId}`)
    await expect.poll(() => ui.counter(trigger, 'entered'), { timeout: 15_000 }).toBe(1)
    await page.getByTestId('tab-runs').click()
    await page.getByTestId('inspector-search').fill('e2e-key-ada')
    await page.getByTestId('contact-result').filter({ hasText: 'e2e-key-ada' }).click()
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(1)
    await expect.poll(async () => (await kairos.api('GET', '/api/contacts/e2e-key-ada')).body.tags).toContain('welcomed')

    // The key is listed as used; revoking it asks first, then the key stops working.
    await expect.poll(async () => (await kairos.api('GET', '/api/api-keys')).body.keys[0].lastUsedAt).not.toBeNull()
    await page.goto(`${kairos.url}/#/settings/api-keys`)
    await expect.poll(() => row.getByTestId('key-last-used').innerText()).toBe('just now')
    await row.getByTestId('key-revoke').click()
    expect(await page.getByTestId('confirm-dialog').innerText()).toContain('cannot be undone')
    await page.getByTestId('confirm-ok').click()
    await expect.poll(() => page.getByTestId('key-row').count()).toBe(0)
    const refused = await fetch(`${kairos.url}/api/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ contact: 'e2e-key-ada', name: 'signed_up' }),
    })
    expect(refused.status).toBe(401)
  })

  it('lists people in Settings → Users; a viewer sees the journey read-only and may not publish', { timeout: 90_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    const created = await kairos.api('POST', '/api/users', { ...VIEWER, role: 'viewer' })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    // A sales user is the sales rep whose tasks and contacts they see.
    expect((await kairos.api('PUT', '/api/sales-reps/rep-sam', { name: 'Sam Sales', team: 'North' })).status).toBeLessThan(300)
    expect((await kairos.api('POST', '/api/users', { email: 'sam.sales@kairos.e2e', name: 'Sam Sales', role: 'sales', password: 'sales-password-1', salesRepId: 'rep-sam' })).status).toBe(201)

    await page.goto(`${kairos.url}/#/settings/users`)
    await expect.poll(() => page.getByTestId('user-row').count()).toBe(3)
    expect(await page.locator(`[data-testid=user-row][data-email="${VIEWER.email}"] [data-testid=user-role-select]`).inputValue()).toBe('viewer')
    expect(await page.locator('[data-testid=user-row][data-email="sam.sales@kairos.e2e"] [data-testid=rep-picker]').inputValue()).toBe('rep-sam')
    // Administrators cannot demote or disable themselves by a slip.
    expect(await page.locator(`[data-testid=user-row][data-email="${E2E_ADMIN.email}"] [data-testid=user-role-select]`).isDisabled()).toBe(true)
    await shoot('settings-users.png')
    await page.getByTestId('add-user').click()
    await page.getByTestId('user-role-new').selectOption('sales')
    await debugShot('user-form')
    await page.getByTestId('user-create').getByRole('button', { name: 'Cancel' }).click()

    await logOut()
    await shoot('login.png')
    // A wrong password, in plain words.
    await page.getByTestId('login-email').fill(VIEWER.email)
    await page.getByTestId('login-password').fill('not-the-password')
    await page.getByTestId('login-submit').click()
    await expect.poll(() => page.getByTestId('login-error').innerText()).toContain('do not match')
    await page.goto(`${kairos.url}/#/flows/${flowId}`)
    await signIn(VIEWER)
    // Back at the journey asked for, read-only.
    await expect.poll(() => page.getByTestId('flow-status').getAttribute('data-status')).toBe('active')
    expect(await page.getByTestId('user-role').innerText()).toBe('Viewer')
    expect(await page.getByTestId('publish').count()).toBe(0)
    expect(await page.getByTestId('pause-resume').count()).toBe(0)
    expect(await page.getByTestId('read-only-chip').count()).toBe(1)
    expect(await page.getByTestId('palette-read-only').innerText()).toContain('Your role')
    expect(await page.locator('[data-testid=palette-item]').first().isDisabled()).toBe(true)
    expect(await page.getByTestId('nav-settings').count()).toBe(0)
    await ui.select(trigger)
    expect(await ui.field('config.event').locator('input').isDisabled()).toBe(true)
    expect(await page.getByTestId('node-label').isDisabled()).toBe(true)
    // Viewers read the audit trail.
    await page.getByTestId('tab-history').click()
    await expect.poll(() => page.getByTestId('audit-trail').innerText()).toMatch(/published v1/)
    await debugShot('viewer-canvas')
    // The journeys list offers nothing to change.
    await page.goto(`${kairos.url}/#/flows`)
    await expect.poll(() => page.getByTestId('flows-table').count()).toBe(1)
    expect(await page.getByTestId('new-flow').count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Archive' }).count()).toBe(0)
    await debugShot('viewer-journeys')
    // Settings by its address: not for this role.
    await page.goto(`${kairos.url}/#/settings/users`)
    await expect.poll(() => page.getByTestId('no-access').count()).toBe(1)

    // The server, not only the editor, refuses: the viewer's session may not publish.
    const asViewer = signedInApi(kairos.url, VIEWER)
    const publish = await asViewer('POST', `/api/flows/${flowId}/publish`, {})
    expect(publish.status).toBe(403)
    expect(publish.body.error.code).toBe('KAIROS_FORBIDDEN')
    expect((await asViewer('GET', `/api/flows/${flowId}`)).status).toBe(200)
    // A write by cookie without the CSRF token is refused, even an administrator's.
    const login = await fetch(`${kairos.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: E2E_ADMIN.email, password: E2E_ADMIN.password }) })
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
    const noToken = await fetch(`${kairos.url}/api/flows/${flowId}/publish`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' })
    expect(noToken.status).toBe(403)
    expect(((await noToken.json()) as { error: { code: string } }).error.code).toBe('KAIROS_CSRF')
    await logOut()
  })

  it('keeps an unsaved draft when the session ends, and saves it after signing in again', { timeout: 90_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    await page.goto(`${kairos.url}/#/flows/${flowId}`)
    await signIn(E2E_ADMIN)
    await ui.select(trigger)
    // The session ends (here: its cookie is gone) while the administrator edits.
    await browser.context.clearCookies()
    await page.getByTestId('node-label').fill('Signed up (renamed while signed out)')
    await expect.poll(() => page.getByTestId('signin-dialog').count(), { timeout: 10_000 }).toBe(1)
    expect(await page.getByTestId('save-state').getAttribute('data-state')).toBe('error')
    // The editor is still there under the dialog, the change in it.
    expect(await page.getByTestId('node-label').inputValue()).toBe('Signed up (renamed while signed out)')
    await debugShot('signin-dialog')
    await page.getByTestId('signin-dialog').getByTestId('login-password').fill(E2E_ADMIN.password)
    await page.getByTestId('signin-dialog').getByTestId('login-submit').click()
    await expect.poll(() => page.getByTestId('signin-dialog').count()).toBe(0)
    await saved()
    const draft = (await kairos.api('GET', `/api/flows/${flowId}`)).body
    expect(draft.graph.nodes.find((n: { id: string }) => n.id === trigger).label).toBe('Signed up (renamed while signed out)')
    // Live counters reconnect with the new session.
    await expect.poll(() => page.locator('.live-state').count(), { timeout: 15_000 }).toBe(0)

    // Signed out again, and this time the page is reloaded before signing in: the tab kept a copy.
    await browser.context.clearCookies()
    await page.getByTestId('node-label').fill('Signed up (kept across a reload)')
    await expect.poll(() => page.getByTestId('signin-dialog').count(), { timeout: 10_000 }).toBe(1)
    page.once('dialog', (dialog) => void dialog.accept())
    await page.reload()
    await signIn(E2E_ADMIN)
    await expect.poll(() => page.getByTestId('draft-restored').count()).toBe(1)
    await saved()
    expect((await kairos.api('GET', `/api/flows/${flowId}`)).body.graph.nodes.find((n: { id: string }) => n.id === trigger).label).toBe('Signed up (kept across a reload)')
    await debugShot('draft-restored')
    await logOut()
  })

  it('lands a sales user on their own tasks, with contacts beside them and no journeys', { timeout: 60_000 }, async () => {
    ready()
    const { page } = browser
    await page.goto(`${kairos.url}/#/`)
    await signIn({ email: 'sam.sales@kairos.e2e', password: 'sales-password-1' })
    await expect.poll(() => page.locator('h1').innerText()).toBe('My tasks')
    expect(new URL(page.url()).hash).toBe('#/tasks')
    expect(await page.locator('.topnav a').allInnerTexts()).toEqual(['My tasks', 'Contacts'])
    await debugShot('sales-tasks')
    await page.goto(`${kairos.url}/#/flows/${flowId}`)
    await expect.poll(() => page.getByTestId('no-access').count()).toBe(1)
    await logOut()
  })

  it('says plainly when there were too many sign-in attempts', { timeout: 60_000 }, async () => {
    ready()
    const { page } = browser
    const nobody = { email: 'nobody@kairos.e2e', password: 'wrong-password-0' }
    let status = 0
    for (let i = 0; i < 30 && status !== 429; i++) {
      status = (await fetch(`${kairos.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(nobody) })).status
    }
    expect(status).toBe(429)
    await page.getByTestId('login-email').fill(nobody.email)
    await page.getByTestId('login-password').fill(nobody.password)
    await page.getByTestId('login-submit').click()
    await expect.poll(() => page.getByTestId('login-error').innerText()).toMatch(/Too many sign-in attempts\. Wait \d+ minutes?, then try again\./)
    expect(browser.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([])
  })
})
