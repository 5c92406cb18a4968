import { EffectFailure, endpointUrl, redactSecrets, TokenCache, tokenCacheKey, trimEndpoint, type ChannelAnswer, type ChannelContext, type IssuedToken } from '@kairos/sdk'
import { ERRCODE_HINTS, verdictOf } from './wechat-errcodes.ts'

/** What a wechat.template channel needs for a token. */
export interface WechatCredentials {
  baseUrl: string
  appId: string
  appSecret: string
  /** `stable_token` (POST /cgi-bin/stable_token) or `token` (GET /cgi-bin/token); see `issueWechatToken`. */
  tokenApi: 'stable_token' | 'token'
}

/**
 * This process's official-account tokens, one per channel and credentials.
 * WeChat limits token requests (2000 a day per account) and each request
 * makes the previous token stop working 5 minutes later, so sends share one.
 */
export const wechatTokens = new TokenCache()

/** The cache key of a channel's token: its name, endpoint, app id and secret (hashed). */
export function wechatTokenKey(channel: string, config: WechatCredentials): string {
  return tokenCacheKey(channel, [trimEndpoint(config.baseUrl), config.appId, config.appSecret, config.tokenApi])
}

/**
 * Asks WeChat for an access token, answered `{ access_token, expires_in }`
 * (no errcode on success):
 * - `stable_token` (the default): `POST /cgi-bin/stable_token` with
 *   `{ grant_type, appid, secret, force_refresh: false }`. Every caller gets
 *   the same token while it lives (a new one in its last 5 minutes), so
 *   several workers, or another system of the account, do not end each
 *   other's tokens; its tokens are apart from those of `/cgi-bin/token`.
 *   When a send was refused with `refused` (40001/40014) and the normal mode
 *   answers that same token again (WeChat revoked it but still hands it out
 *   for the rest of its life), the request is made once more with
 *   `force_refresh: true`, which ends it and issues a new one. WeChat allows
 *   20 forced refreshes a day, 30 s apart, and a forced refresh ends the token
 *   every other worker holds, so Kairos forces only then: a token refused
 *   because another caller forced a refresh is simply replaced by the new one.
 * - `token`: `GET /cgi-bin/token?grant_type=client_credential&appid=&secret=`.
 *   Each request ends the previous token 5 minutes later, whoever made it.
 * A refusal is an `EffectFailure` naming the errcode and what to check (a
 * wrong AppSecret, an address not whitelisted: for good; busy: retried),
 * without the secret.
 */
export async function issueWechatToken(ctx: Pick<ChannelContext<WechatCredentials>, 'http' | 'config'>, refused?: string): Promise<IssuedToken> {
  const { baseUrl, appId, appSecret, tokenApi } = ctx.config
  if (tokenApi === 'token')
    return tokenOf(await ctx.http.request({ method: 'GET', url: endpointUrl(baseUrl, '/cgi-bin/token'), query: { grant_type: 'client_credential', appid: appId, secret: appSecret } }), appSecret)
  const stable = (forceRefresh: boolean) =>
    ctx.http.post(endpointUrl(baseUrl, '/cgi-bin/stable_token'), { json: { grant_type: 'client_credential', appid: appId, secret: appSecret, force_refresh: forceRefresh } })
  const issued = tokenOf(await stable(false), appSecret)
  if (refused === undefined || issued.token !== refused) return issued
  return tokenOf(await stable(true), appSecret)
}

/** The token in a token API's answer, or the EffectFailure its refusal is. */
function tokenOf(answer: ChannelAnswer, appSecret: string): IssuedToken {
  const body = (answer.body ?? {}) as { errcode?: number; errmsg?: string; access_token?: unknown; expires_in?: unknown }
  if (answer.status >= 200 && answer.status < 300 && !body.errcode && typeof body.access_token === 'string' && body.access_token !== '') {
    const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 7200
    return { token: body.access_token, expiresInSeconds: expiresIn }
  }
  if (answer.status < 200 || answer.status >= 300)
    throw new EffectFailure(`WeChat token request answered HTTP ${answer.status}`, { retry: answer.status >= 500 || answer.status === 429 })
  const code = typeof body.errcode === 'number' ? body.errcode : NaN
  const hint = ERRCODE_HINTS[code]
  const said = redactSecrets(`${body.errmsg ?? 'no access_token in the answer'}`, [appSecret])
  // 40001 here is the secret refused, not a token: for good, unlike 40001 on a send.
  throw new EffectFailure(`WeChat refused the access token request: errcode ${code}: ${said}${hint ? ` (${hint})` : ''}`, { retry: verdictOf(code) === 'retry' })
}
