// The API docs (Swagger UI at /docs) under the same Content-Security-Policy as the editor: a
// Swagger UI that started to need inline script or eval would show a blank page, and only a
// browser says so.
import { describe, expect, it } from 'vitest'
import type { E2EBrowser } from '../support/e2e-browser.ts'
import type { KairosProcess } from '../support/e2e-kairos-process.ts'
import { browserSession } from '../support/e2e-session.ts'

let kairos: KairosProcess
let browser: E2EBrowser
const ready = browserSession((started) => ({ browser, kairos } = started))

describe('the API docs in a browser', () => {
  it('render and expand an operation with nothing refused by the CSP', { timeout: 120_000 }, async () => {
    ready()
    const response = await browser.page.goto(`${kairos.url}/docs/`)
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'")
    await expect.poll(() => browser.page.locator('.swagger-ui .info .title').textContent(), { timeout: 30_000 }).toContain('Kairos API')
    await browser.page.locator('.opblock-summary').first().click()
    await browser.page.locator('.opblock-body').first().waitFor()
    expect(browser.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([])
  })
})
