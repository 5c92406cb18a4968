import { randomBytes } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A template message the stand-in accepted: the JSON as posted, and the msgid it answered. */
export interface WechatAccepted {
  msgid: number
  json: Record<string, any>
}

/** What the stand-in knows: the account, its templates (id → keyword names) and its followers' openids. */
export interface FakeWechatOptions {
  appId: string
  appSecret: string
  templates: Record<string, string[]>
  followers: string[]
  /** openids of people who once followed and unsubscribed: 43004. */
  unsubscribed?: string[]
  /** A token's lifetime (s); WeChat's is 7200. */
  expiresIn?: number
}

interface Issued {
  token: string
  /** From /cgi-bin/stable_token: apart from /cgi-bin/token's, and not ended by them. */
  stable: boolean
  expiresAt: number
  /** Set when a newer token was issued: this one then works 5 more minutes, as WeChat's do. */
  supersededAt?: number
  revoked: boolean
  /** No longer taken (40001) at once: ended by a forced refresh, or invalidated on command. */
  ended?: boolean
}

/** How long a token keeps working after a newer one was issued. */
const OVERLAP_MS = 5 * 60_000
/** stable_token's forced refresh: at most this many a day, and not again within 30 s (then the current token, not refreshed). */
const FORCED_PER_DAY = 20
const FORCED_GAP_MS = 30_000

/**
 * A stand-in for the WeChat Official Account API (api.weixin.qq.com) on 127.0.0.1, checking
 * what WeChat checks and answering as WeChat answers (HTTP 200, `errcode`):
 * - `GET /cgi-bin/token?grant_type=client_credential&appid=&secret=`: 40002 for another
 *   grant_type, 41002/41004 when appid/secret are missing, 40013 for another app id, 40001 for a
 *   wrong secret; else `{ access_token, expires_in }` (no errcode), a new token each time, the
 *   previous one working 5 minutes more.
 * - `POST /cgi-bin/stable_token` with `{ grant_type, appid, secret, force_refresh? }`: the same
 *   checks; the same token to every caller while it has more than 5 minutes left, with the time it
 *   has left as `expires_in`; tokens apart from those of /cgi-bin/token. `force_refresh: true` (a
 *   boolean, else 40097) ends the current stable token at once and issues a new one, at most 20 a
 *   day (45009 past that) and not within 30 s of the last forced one (then the current token, not
 *   refreshed), as WeChat documents.
 * - `POST /cgi-bin/message/template/send?access_token=`: 41001 without a token, 40001 for one it
 *   never issued, superseded more than 5 minutes ago or ended, 42001 for one past its time (`Date`, which
 *   tests fake) or expired on command; 47001 for a body that is not JSON, 40003 for an openid that
 *   never followed, 43004 for one who unsubscribed, 40037 for an unknown template, 47003 for a
 *   keyword missing, not `{ value }` or not in the template; else `{ errcode: 0, msgid }`.
 */
export function fakeWechatOa(options: FakeWechatOptions) {
  const requests: Array<{ method: string; url: string; headers: IncomingHttpHeaders; body: string }> = []
  const accepted: WechatAccepted[] = []
  const issued: Issued[] = []
  let throttled = 0
  let tokenRequests = 0
  const forced: number[] = []
  const lifetime = options.expiresIn ?? 7200

  /** What both token APIs check: the grant type, the app id and its secret. */
  const refusal = (q: (name: string) => unknown) => {
    if (q('grant_type') !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' }
    if (!q('appid')) return { errcode: 41002, errmsg: 'appid missing' }
    if (!q('secret')) return { errcode: 41004, errmsg: 'appsecret missing' }
    if (q('appid') !== options.appId) return { errcode: 40013, errmsg: 'invalid appid' }
    if (q('secret') !== options.appSecret) return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' }
    return null
  }
  const issue = (stable: boolean): Issued => {
    const fresh = { token: randomBytes(32).toString('base64url'), stable, expiresAt: Date.now() + lifetime * 1000, revoked: false }
    issued.push(fresh)
    return fresh
  }

  /** GET /cgi-bin/token: a new token each time, every earlier one (of this API) ending 5 minutes later. */
  const token = (url: URL) => {
    tokenRequests++
    const refused = refusal((name) => url.searchParams.get(name))
    if (refused) return refused
    const now = Date.now()
    for (const t of issued) if (!t.stable) t.supersededAt ??= now
    return { access_token: issue(false).token, expires_in: lifetime }
  }

  /** POST /cgi-bin/stable_token (JSON): the same token while it has over 5 minutes left, then a new one (the old one lives out its time). */
  const stableToken = (raw: string) => {
    tokenRequests++
    let body: Record<string, unknown>
    try {
      body = JSON.parse(raw)
    } catch {
      return { errcode: 47001, errmsg: 'data format error' }
    }
    const refused = refusal((name) => body[name])
    if (refused) return refused
    if (body.force_refresh !== undefined && typeof body.force_refresh !== 'boolean') return { errcode: 40097, errmsg: 'invalid args: force_refresh' }
    const now = Date.now()
    // Normal mode hands out the current token even when sends refuse it: only a forced refresh replaces it.
    const live = issued.filter((t) => t.stable && !t.revoked && t.expiresAt - now > OVERLAP_MS).at(-1)
    let t = live
    if (body.force_refresh === true) {
      if (forced.filter((at) => now - at < 86_400_000).length >= FORCED_PER_DAY) return { errcode: 45009, errmsg: 'reach max api daily quota limit' }
      if (!live || now - (forced.at(-1) ?? -Infinity) >= FORCED_GAP_MS) {
        forced.push(now)
        for (const old of issued) if (old.stable) old.ended = true
        t = issue(true)
      }
    }
    t ??= issue(true)
    return { access_token: t.token, expires_in: Math.floor((t.expiresAt - now) / 1000) }
  }

  const send = (url: URL, raw: string) => {
    const given = url.searchParams.get('access_token')
    if (!given) return { errcode: 41001, errmsg: 'access_token missing' }
    const t = issued.find((i) => i.token === given)
    const now = Date.now()
    if (!t || t.ended || (t.supersededAt !== undefined && now > t.supersededAt + OVERLAP_MS)) return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' }
    if (t.revoked || t.expiresAt <= now) return { errcode: 42001, errmsg: 'access_token expired' }
    let json: Record<string, any>
    try {
      json = JSON.parse(raw)
    } catch {
      return { errcode: 47001, errmsg: 'data format error' }
    }
    if (typeof json.touser !== 'string' || json.touser === '') return { errcode: 40003, errmsg: 'invalid openid' }
    if (options.unsubscribed?.includes(json.touser)) return { errcode: 43004, errmsg: 'require subscribe' }
    if (!options.followers.includes(json.touser)) return { errcode: 40003, errmsg: 'invalid openid' }
    const keywords = options.templates[json.template_id]
    if (!keywords) return { errcode: 40037, errmsg: 'invalid template_id' }
    const data = json.data
    if (!data || typeof data !== 'object') return { errcode: 47003, errmsg: 'argument invalid! data is empty' }
    for (const key of Object.keys(data)) if (!keywords.includes(key) || typeof data[key]?.value !== 'string') return { errcode: 47003, errmsg: `argument invalid! data.${key}.value invalid` }
    for (const key of keywords) if (!data[key]?.value) return { errcode: 47003, errmsg: `argument invalid! data.${key}.value is empty` }
    if (json.url !== undefined && !/^https?:\/\//.test(json.url)) return { errcode: 40039, errmsg: 'invalid url size' }
    if (throttled > 0) {
      throttled--
      return { errcode: 45009, errmsg: 'reach max api daily quota limit' }
    }
    const msgid = 200228332 + accepted.length
    accepted.push({ msgid, json })
    return { errcode: 0, errmsg: 'ok', msgid }
  }

  const server: Server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      requests.push({ method: request.method!, url: request.url!, headers: request.headers, body })
      const url = new URL(request.url!, 'http://api.weixin')
      const answer = (json: unknown) => response.writeHead(200, { 'content-type': 'application/json; encoding=utf-8' }).end(JSON.stringify(json))
      if (url.pathname === '/cgi-bin/token' && request.method === 'GET') return answer(token(url))
      if (url.pathname === '/cgi-bin/stable_token' && request.method === 'POST') return answer(stableToken(body))
      if (url.pathname === '/cgi-bin/message/template/send' && request.method === 'POST') return answer(send(url, body))
      answer({ errcode: 48001, errmsg: `api unauthorized: ${request.method} ${url.pathname}` })
    })
  })

  return {
    requests,
    accepted,
    /** How many times a token was asked for (right or wrong). */
    get tokenRequests() {
      return tokenRequests
    },
    /** Forced refreshes (stable_token with force_refresh: true) that issued a new token. */
    get forcedRefreshes() {
      return forced.length
    },
    /**
     * WeChat stops taking the current stable token (sends answer 40001) while stable_token's
     * normal mode keeps answering it for the rest of its life: only a forced refresh replaces it.
     */
    invalidateStableToken: () => issued.forEach((t) => t.stable && (t.ended = true)),
    /** Every token issued so far expires now (42001), as a token ended early. */
    expireTokens: () => issued.forEach((t) => (t.revoked = true)),
    /** The next `n` sends that are otherwise fine answer 45009 (quota reached). */
    throttle: (n: number) => void (throttled = n),
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
