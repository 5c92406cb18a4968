import { afterAll, beforeAll } from 'vitest'
import { openBrowser, type E2EBrowser } from './e2e-browser.ts'
import { startKairosProcess, type KairosProcess, type StartKairosOptions } from './e2e-kairos-process.ts'

export interface BrowserSessionOptions {
  /** The page's time zone (see openBrowser). */
  timezoneId?: string
  /** The browser's language (see openBrowser), e.g. zh-CN. */
  locale?: string
  /** How Kairos starts (default: with the bootstrap administrator). */
  kairos?: StartKairosOptions
  /** Sign the browser in as the administrator before the first test (default true when there is one). */
  signedIn?: boolean
}

/**
 * Registers a browser test file's set-up: Chromium opened, Kairos started as `npm start` starts
 * it with an administrator, the browser signed in as them, all closed after. `started` hands
 * them to the file. Returns `ready`, which every test
 * calls first: a set-up failure (no Chromium above all) then fails every test with its message,
 * where a failing beforeAll would only mark them skipped, and a skipped browser test reads as fine.
 */
export function browserSession(
  started: (session: { browser: E2EBrowser; kairos: KairosProcess }) => void,
  options: BrowserSessionOptions = {},
): () => void {
  let browser: E2EBrowser | undefined
  let kairos: KairosProcess | undefined
  let setupError: unknown
  beforeAll(async () => {
    try {
      browser = await openBrowser({ timezoneId: options.timezoneId, locale: options.locale })
      kairos = await startKairosProcess(options.kairos)
      if (kairos.admin && options.signedIn !== false) await browser.signIn(kairos.url, kairos.admin)
      started({ browser, kairos })
    } catch (error) {
      setupError = error
    }
  })
  afterAll(async () => {
    await browser?.close()
    await kairos?.stop()
  })
  return () => {
    if (setupError) throw setupError
  }
}
