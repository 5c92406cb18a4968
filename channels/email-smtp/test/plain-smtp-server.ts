import { createServer, type AddressInfo, type Socket } from 'node:net'

/**
 * A plain SMTP server on 127.0.0.1, speaking just enough of RFC 5321 for
 * nodemailer (no STARTTLS, no AUTH). A message counts as received only once
 * the server has answered 250 to its final "." on a connection the client
 * still holds open, as a real server takes responsibility for it only then.
 * `stallAfterData(ms)` makes the next message wait that long before that answer.
 */
export function plainSmtpServer() {
  const received: string[] = []
  const stalls: number[] = []
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    let open = true
    let buffer = ''
    let data: string[] | undefined
    const reply = (line: string) => open && socket.write(`${line}\r\n`)
    socket.on('end', () => (open = false))
    socket.on('close', () => ((open = false), sockets.delete(socket)))
    socket.on('error', () => (open = false))
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8')
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        if (data) {
          if (line !== '.') data.push(line.startsWith('..') ? line.slice(1) : line)
          else {
            const message = data.join('\r\n')
            data = undefined
            setTimeout(() => {
              if (!open) return
              received.push(message)
              reply('250 2.0.0 queued')
            }, stalls.shift() ?? 0)
          }
          continue
        }
        const verb = line.slice(0, 4).toUpperCase()
        if (verb === 'EHLO' || verb === 'HELO') reply('250 fake.test')
        else if (verb === 'MAIL' || verb === 'RCPT' || verb === 'RSET' || verb === 'NOOP') reply('250 2.1.0 ok')
        else if (verb === 'DATA') ((data = []), reply('354 end with <CRLF>.<CRLF>'))
        else if (verb === 'QUIT') (reply('221 2.0.0 bye'), socket.end())
        else reply('502 5.5.1 not implemented')
      }
    })
    reply('220 fake.test ESMTP')
  })
  return {
    received,
    stallAfterData: (ms: number) => void stalls.push(ms),
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
