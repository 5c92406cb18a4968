/**
 * What a WeChat Official Account `errcode` means for a send (developers.weixin.qq.com,
 * 全局返回码). WeChat answers HTTP 200 with `errcode`; 0 is success.
 */
export type ErrcodeVerdict = 'token' | 'retry' | 'permanent'

/**
 * The access token is refused: invalid or no longer the latest (40001: another
 * process or tool asked for a new one more than 5 minutes ago), invalid
 * (40014), missing (41001) or expired (42001). Get a new one and send again, once.
 */
const TOKEN_REFUSED = new Set([40001, 40014, 41001, 42001])

/**
 * Worth another attempt later: system busy (-1), the API's daily quota or
 * frequency reached (45009; the quota resets at midnight Beijing time, which
 * the backoff, up to 6 h between attempts, may reach), and WeChat's own
 * errors (50002 is not one: it is a restricted account, for good).
 */
const TRANSIENT = new Set([-1, 45009, 45011])

/** How a send WeChat refused with `errcode` is handled; anything not listed (not subscribed, a bad openid or template) is for good. */
export function verdictOf(errcode: number): ErrcodeVerdict {
  if (TOKEN_REFUSED.has(errcode)) return 'token'
  if (TRANSIENT.has(errcode)) return 'retry'
  return 'permanent'
}

/** What an operator should check, where WeChat's errmsg is too terse. */
export const ERRCODE_HINTS: Readonly<Record<number, string>> = {
  40001: 'the AppSecret is not this account\'s (公众平台 → 设置与开发 → 基本配置 → AppSecret)',
  40003: 'this openid is not a follower of this official account (an openid belongs to one account)',
  40013: 'the AppID is wrong (基本配置 → AppID)',
  40037: 'no such template in this account (广告与服务 → 模板消息 → 我的模板)',
  40125: 'the AppSecret is wrong',
  40164: 'Kairos\' address is not in the account\'s IP whitelist (基本配置 → IP白名单)',
  43004: 'the contact does not follow (has unsubscribed from) the official account',
  43101: 'the contact refused messages from this account',
  47003: 'a template field is missing or too long for its type (thing: 20 characters, number: 32, …)',
  48001: 'the account may not send template messages (a verified service account is needed)',
  50002: 'the account is restricted',
}
