import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  from: string
  to: string[]
  raw: string
}

/**
 * A real SMTP server on 127.0.0.1 that accepts any login and records every
 * message; `reject(n)` makes the next n messages fail with a 451 (temporary)
 * or, with `permanent`, a 550. With `startTls` it offers STARTTLS with
 * smtp-server's built-in self-signed certificate (clients that verify refuse it).
 */
export function fakeSmtpServer(options: { startTls?: boolean } = {}) {
  const received: ReceivedMail[] = []
  let failures: Array<451 | 550> = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: options.startTls ? [] : ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = ''
      stream.on('data', (chunk) => (raw += chunk))
      stream.on('end', () => {
        const failure = failures.shift()
        if (failure) {
          const error = Object.assign(new Error(failure === 451 ? 'try again later' : 'mailbox unavailable'), { responseCode: failure })
          return callback(error)
        }
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw })
        callback()
      })
    },
  })
  return {
    received,
    reject: (codes: Array<451 | 550>) => void (failures = codes),
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
