import { afterAll, beforeAll } from 'vitest'
import { openBrowser, type E2EBrowser } from './e2e-browser.ts'
import { startKairosProcess, type KairosProcess } from './e2e-kairos-process.ts'

/**
 * Registers a browser test file's set-up: Chromium opened, Kairos started as `npm start` starts
 * it, both closed after. `started` hands them to the file. Returns `ready`, which every test
 * calls first: a set-up failure (no Chromium above all) then fails every test with its message,
 * where a failing beforeAll would only mark them skipped, and a skipped browser test reads as fine.
 */
export function browserSession(
  started: (session: { browser: E2EBrowser; kairos: KairosProcess }) => void,
  options: Parameters<typeof openBrowser>[0] = {},
): () => void {
  let browser: E2EBrowser | undefined
  let kairos: KairosProcess | undefined
  let setupError: unknown
  beforeAll(async () => {
    try {
      browser = await openBrowser(options)
      kairos = await startKairosProcess()
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
