import { describe, expect, it } from 'vitest'
import { browserSession } from '../support/e2e-session.ts'
import type { E2EBrowser } from '../support/e2e-browser.ts'
import type { KairosProcess } from '../support/e2e-kairos-process.ts'

describe('csp scratch', () => {
  let browser: E2EBrowser
  let kairos: KairosProcess
  const ready = browserSession((s) => ({ browser, kairos } = s), { signedIn: false })
  it('docs render under the CSP', { timeout: 120_000 }, async () => {
    ready()
    const admin = (kairos as any).admin
    const r = await browser.page.context().request.post(kairos.url + '/api/auth/login', { data: { email: admin.email, password: admin.password } })
    console.log('login', r.status())
    const csp: string[] = []
    browser.page.on('console', (m) => { if (/Content Security Policy|Refused/.test(m.text())) csp.push(m.text()) })
    const response = await browser.page.goto(kairos.url + '/docs/')
    console.log('docs csp header', response?.headers()['content-security-policy'])
    await browser.page.waitForSelector('.swagger-ui .info .title', { timeout: 30_000 })
    console.log('title', await browser.page.textContent('.swagger-ui .info .title'))
    await browser.page.click('.opblock-summary >> nth=0')
    await browser.page.waitForTimeout(1000)
    await browser.page.screenshot({ path: '/tmp/docs-csp.png' })
    await browser.page.goto(kairos.url + '/')
    await browser.page.waitForTimeout(3000)
    await browser.page.screenshot({ path: '/tmp/editor-csp.png' })
    console.log('errors', browser.errors, csp)
    expect(csp).toEqual([])
  })
})
