import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

/**
 * Debian's Chromium: the browser tests use the system one, never a downloaded build.
 * KAIROS_E2E_CHROMIUM points elsewhere (another distribution's path).
 */
export const CHROMIUM = process.env.KAIROS_E2E_CHROMIUM || '/usr/bin/chromium'

export interface E2EBrowser {
  page: Page
  /** The profile the page lives in: its cookies are the signed-in session. */
  context: BrowserContext
  /** Errors the page logged or threw, so a test can assert there were none. */
  errors: string[]
  /**
   * Signs this browser in to Kairos at `url` as the editor's sign-in does, by the API: the
   * session cookie lands in the profile, and the next page opened is signed in.
   */
  signIn(url: string, credentials: { email: string; password: string }): Promise<void>
  close(): Promise<void>
}

/**
 * A headless Chromium with a fresh profile and a 1280×800 window (the smallest size the
 * editor supports). A machine without Chromium fails here, plainly: browser tests never
 * skip, or a green run would hide an editor nobody tested. `timezoneId` sets the page's
 * time zone (what the editor calls "your time"); by default it is the machine's. `locale` is the
 * browser's language (`navigator.language`, Accept-Language), which the editor starts in.
 */
export async function openBrowser(options: { timezoneId?: string; locale?: string } = {}): Promise<E2EBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium`)
  const profile = mkdtempSync(join(tmpdir(), 'kairos-e2e-chromium-'))
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    timezoneId: options.timezoneId,
    locale: options.locale,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console error: ${message.text()}`)
  })
  return {
    page,
    context,
    errors,
    async signIn(url, credentials) {
      const response = await context.request.post(`${url}/api/auth/login`, { data: { email: credentials.email, password: credentials.password } })
      // A Kairos from before accounts has no sign-in and needs none.
      if (!response.ok() && response.status() !== 404) throw new Error(`signing the browser in as ${credentials.email} answered ${response.status()}: ${await response.text()}`)
    },
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
