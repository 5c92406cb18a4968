import { randomBytes } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A message the stand-in accepted: the JSON as posted, and the msgid it answered. */
export interface WecomAccepted {
  msgid: string
  json: Record<string, any>
}

/** What the stand-in knows: the corp, its app and the app's members. */
export interface FakeWecomOptions {
  corpId: string
  secret: string
  agentId: number
  /** WeCom user ids of members the app may reach. */
  members: string[]
  /** A token's lifetime (s); WeCom's is 7200. */
  expiresIn?: number
}

interface Issued {
  token: string
  expiresAt: number
  /** Expired on command before its time (`expireTokens`). */
  revoked: boolean
}

const TYPES: Record<string, string[]> = { text: ['content'], markdown: ['content'], textcard: ['title', 'description', 'url'] }
/** WeCom's codes for a missing textcard part (41016 title, 41017 description, 41018 url) and empty content (44004). */
const MISSING: Record<string, number> = { title: 41016, description: 41017, url: 41018, content: 44004 }

/**
 * A stand-in for WeCom's server API (qyapi.weixin.qq.com) on 127.0.0.1, checking what WeCom
 * checks, answering as WeCom answers (HTTP 200, `errcode`):
 * - `GET /cgi-bin/gettoken?corpid=&corpsecret=`: 41002/41004 when one is missing, 40013 for
 *   another corp id, 40001 for a wrong secret; else `{ errcode: 0, access_token, expires_in }`,
 *   the same token while it lives (as WeCom does), a new one after.
 * - `POST /cgi-bin/message/send?access_token=`: 41001 without a token, 40014 for one it never
 *   issued, 42001 for one past its time (the clock is `Date`, which tests fake) or expired on
 *   command; 47001 for a body that is not JSON, 40056 for another agent id, 40008 for an unknown
 *   msgtype, 41016-41018/44004 for a missing part; 81013 (with `invaliduser`) when no recipient
 *   is a member; else `{ errcode: 0, msgid }` with unknown members of several in `invaliduser`.
 */
export function fakeWecom(options: FakeWecomOptions) {
  const requests: Array<{ method: string; url: string; headers: IncomingHttpHeaders; body: string }> = []
  const accepted: WecomAccepted[] = []
  const issued: Issued[] = []
  let throttled = 0
  let tokenRequests = 0
  const lifetime = options.expiresIn ?? 7200

  const current = () => issued.find((t) => !t.revoked && t.expiresAt > Date.now())

  const gettoken = (url: URL) => {
    tokenRequests++
    const corpid = url.searchParams.get('corpid')
    const secret = url.searchParams.get('corpsecret')
    if (!corpid) return { errcode: 41002, errmsg: 'corpid missing' }
    if (!secret) return { errcode: 41004, errmsg: 'corpsecret missing' }
    if (corpid !== options.corpId) return { errcode: 40013, errmsg: 'invalid corpid' }
    if (secret !== options.secret) return { errcode: 40001, errmsg: 'invalid credential, hint: [fake-wecom]' }
    let token = current()
    if (!token) issued.push((token = { token: randomBytes(24).toString('base64url'), expiresAt: Date.now() + lifetime * 1000, revoked: false }))
    return { errcode: 0, errmsg: 'ok', access_token: token.token, expires_in: Math.floor((token.expiresAt - Date.now()) / 1000) }
  }

  const send = (url: URL, raw: string) => {
    const given = url.searchParams.get('access_token')
    if (!given) return { errcode: 41001, errmsg: 'access_token missing' }
    const token = issued.find((t) => t.token === given)
    if (!token) return { errcode: 40014, errmsg: 'invalid access_token' }
    if (token.revoked || token.expiresAt <= Date.now()) return { errcode: 42001, errmsg: 'access_token expired' }
    let json: Record<string, any>
    try {
      json = JSON.parse(raw)
    } catch {
      return { errcode: 47001, errmsg: 'data format error' }
    }
    if (json.agentid !== options.agentId) return { errcode: 40056, errmsg: 'invalid agentid' }
    const parts = TYPES[json.msgtype]
    if (!parts) return { errcode: 40008, errmsg: 'invalid message type' }
    for (const part of parts) if (typeof json[json.msgtype]?.[part] !== 'string' || json[json.msgtype][part] === '') return { errcode: MISSING[part], errmsg: `missing ${part}` }
    if (throttled > 0) {
      throttled--
      return { errcode: 45009, errmsg: 'api freq out of limit' }
    }
    const to = String(json.touser ?? '').split('|').filter(Boolean)
    if (to.length === 0) return { errcode: 82001, errmsg: 'All touser & toparty & totag invalid' }
    const unknown = to.filter((u) => !options.members.includes(u))
    if (unknown.length === to.length) return { errcode: 81013, errmsg: 'user & party & tag all invalid', invaliduser: unknown.join('|') }
    const msgid = `wecom-msg-${accepted.length + 1}`
    accepted.push({ msgid, json })
    return { errcode: 0, errmsg: 'ok', msgid, ...(unknown.length > 0 ? { invaliduser: unknown.join('|') } : {}) }
  }

  const server: Server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      requests.push({ method: request.method!, url: request.url!, headers: request.headers, body })
      const url = new URL(request.url!, 'http://qyapi')
      const answer = (json: unknown) => response.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(json))
      if (url.pathname === '/cgi-bin/gettoken' && request.method === 'GET') return answer(gettoken(url))
      if (url.pathname === '/cgi-bin/message/send' && request.method === 'POST') return answer(send(url, body))
      answer({ errcode: 40035, errmsg: `invalid request: ${request.method} ${url.pathname}` })
    })
  })

  return {
    requests,
    accepted,
    /** How many times a token was asked for (right or wrong). */
    get tokenRequests() {
      return tokenRequests
    },
    /** Every token issued so far expires now (WeCom answers 42001 to it), as a token ended early. */
    expireTokens: () => issued.forEach((t) => (t.revoked = true)),
    /** The next `n` sends that are otherwise fine answer 45009 (rate limited). */
    throttle: (n: number) => void (throttled = n),
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
