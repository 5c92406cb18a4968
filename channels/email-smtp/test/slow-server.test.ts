import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testChannel } from '@kairos/sdk/testing'
import emailSmtp from '../src/index.ts'
import { plainSmtpServer } from './plain-smtp-server.ts'

const ATTEMPT_MS = 300

const smtp = plainSmtpServer()
let port: number
beforeAll(async () => void (port = await smtp.listen()))
afterAll(() => smtp.close())

// An attempt that runs out of time is retried; the first one must not go on sending beside it.
describe('email.smtp against a server that stalls after DATA', () => {
  it('hangs up when the attempt runs out of time, so the server takes the message once, from the retry', async () => {
    smtp.stallAfterData(3 * ATTEMPT_MS)
    const outcome = await testChannel(emailSmtp, {
      config: { host: '127.0.0.1', port, from: 'Kairos <hello@shop.example>' },
      message: { to: 'eli@example.com', subject: 'Your guide', body: 'Hello Eli' },
      attemptTimeoutMs: ATTEMPT_MS,
    })
    expect(outcome.attempts.map((a) => a.answer)).toMatchObject([
      { ok: false, retry: true, error: `channel kind email.smtp did not finish within ${ATTEMPT_MS} ms` },
      { ok: true },
    ])
    expect(outcome.status).toBe('sent')
    // Past the stall: the first attempt's connection, had it stayed open, would have been answered 250 by now.
    await new Promise((resolve) => setTimeout(resolve, 4 * ATTEMPT_MS))
    expect(smtp.received).toHaveLength(1)
    expect(smtp.received[0]).toContain('Hello Eli')
    expect(smtp.received[0]).toContain('X-Kairos-Idempotency-Key: run:test-run:step:1:email')
  })
})
