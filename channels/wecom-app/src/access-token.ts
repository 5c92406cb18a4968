import { EffectFailure, endpointUrl, redactSecrets, TokenCache, tokenCacheKey, trimEndpoint, type ChannelContext, type IssuedToken } from '@kairos/sdk'
import { ERRCODE_HINTS, verdictOf } from './wecom-errcodes.ts'

/** What a wecom.app channel needs for a token. */
export interface WecomCredentials {
  baseUrl: string
  corpId: string
  secret: string
}

/**
 * This process's WeCom tokens, one per channel and credentials: WeCom
 * answers the same token to every `gettoken` within its lifetime (7200 s)
 * and limits how often it may be asked, so each send must not ask.
 */
export const wecomTokens = new TokenCache()

/** The cache key of a channel's token: its name, endpoint, corp id and secret (hashed). */
export function wecomTokenKey(channel: string, config: WecomCredentials): string {
  return tokenCacheKey(channel, [trimEndpoint(config.baseUrl), config.corpId, config.secret])
}

/**
 * Asks WeCom for an access token: `GET /cgi-bin/gettoken?corpid=&corpsecret=`,
 * answered `{ errcode: 0, access_token, expires_in }`. A refusal is an
 * `EffectFailure` with WeCom's errcode and what to check (a wrong secret, an
 * address not among the app's trusted IPs is for good; busy or rate limited
 * is retried), the secret never in it.
 */
export async function issueWecomToken(ctx: Pick<ChannelContext<WecomCredentials>, 'http' | 'config'>): Promise<IssuedToken> {
  const { baseUrl, corpId, secret } = ctx.config
  const answer = await ctx.http.request({ method: 'GET', url: endpointUrl(baseUrl, '/cgi-bin/gettoken'), query: { corpid: corpId, corpsecret: secret } })
  const body = (answer.body ?? {}) as { errcode?: number; errmsg?: string; access_token?: unknown; expires_in?: unknown }
  if (answer.status >= 200 && answer.status < 300 && (body.errcode ?? 0) === 0 && typeof body.access_token === 'string' && body.access_token !== '') {
    const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 7200
    return { token: body.access_token, expiresInSeconds: expiresIn }
  }
  if (answer.status < 200 || answer.status >= 300)
    throw new EffectFailure(`WeCom gettoken answered HTTP ${answer.status}`, { retry: answer.status >= 500 || answer.status === 429 })
  const code = typeof body.errcode === 'number' ? body.errcode : NaN
  const hint = ERRCODE_HINTS[code]
  const said = redactSecrets(`${body.errmsg ?? 'no access_token in the answer'}`, [secret])
  throw new EffectFailure(`WeCom refused the access token request: errcode ${code}: ${said}${hint ? ` (${hint})` : ''}`, { retry: verdictOf(code) === 'retry' })
}
