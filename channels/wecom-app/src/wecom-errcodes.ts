/**
 * What a WeCom `errcode` means for a send (developer.work.weixin.qq.com,
 * 全局错误码). WeCom answers HTTP 200 with `errcode`; 0 is success.
 */
export type ErrcodeVerdict = 'token' | 'retry' | 'permanent'

/** The access token is refused: expired (42001), invalid (40014), or missing (41001). Get a new one and send again, once. */
const TOKEN_REFUSED = new Set([40014, 41001, 42001])

/**
 * Worth another attempt later: system busy (-1), rate limited (45009: per
 * member 30 a minute and 1000 an hour, per app a daily quota), too many calls
 * at once (45033), and WeCom's own service errors (50001/50002 are the
 * internal errors of its API).
 */
const TRANSIENT = new Set([-1, 45009, 45033, 50001, 50002])

/** How a send that WeCom refused with `errcode` is handled; anything not listed (a bad agent id, an unknown member, a missing field) is for good. */
export function verdictOf(errcode: number): ErrcodeVerdict {
  if (TOKEN_REFUSED.has(errcode)) return 'token'
  if (TRANSIENT.has(errcode)) return 'retry'
  return 'permanent'
}

/** What an operator should check for a permanent errcode, where WeCom's own errmsg is too terse. */
export const ERRCODE_HINTS: Readonly<Record<number, string>> = {
  40001: 'the secret is not this app\'s (企业微信 admin: 应用管理 → the app → Secret)',
  40013: 'the corp id is wrong (我的企业 → 企业信息 → 企业ID)',
  40056: 'the agent id is not this app\'s (应用管理 → the app → AgentId)',
  48002: 'the app may not call this API',
  60011: 'the app may not reach this member (the app\'s 可见范围 must include them)',
  60020: 'Kairos\' address is not among the app\'s trusted IPs (应用管理 → the app → 企业可信IP)',
  60111: 'no member has this user id',
  81013: 'no member, department or tag of this message exists or is visible to the app',
  82001: 'no recipient given is valid',
}
