import { defineChannel, EffectFailure, endpointUrl, httpOutcome, Type, withAccessToken, type ChannelAnswer, type SendOutcome } from '@kairos/sdk'
import { issueWecomToken, wecomTokenKey, wecomTokens } from './access-token.ts'
import { ERRCODE_HINTS, verdictOf } from './wecom-errcodes.ts'
import { WecomMessageInvalid, wecomPayload } from './wecom-message.ts'
import { i18n } from './i18n.ts'

export { WECOM_MSGTYPES, wecomPayload, type WecomMessageData, type WecomMsgtype } from './wecom-message.ts'

interface SendAnswerBody {
  errcode?: number
  errmsg?: string
  msgid?: string
  invaliduser?: string
  unlicenseduser?: string
}

/**
 * A WeCom user id (成员UserID): 1-64 letters, digits and `_-@.`, starting with a
 * letter or digit. Checked so a rep's id can never be `@all` (every member of
 * the company) or a `|`-joined list of several members.
 */
const WECOM_USER_ID = /^[A-Za-z0-9][A-Za-z0-9_@.-]{0,63}$/

const bodyOf = (answer: ChannelAnswer) => ((answer.body ?? {}) as SendAnswerBody)
const errcodeOf = (answer: ChannelAnswer) => bodyOf(answer).errcode ?? 0

/**
 * WeCom's refusal of a 200 answer: an errcode (retried when WeCom is busy or
 * rate-limits, 45009; a token refused twice is retried too), or errcode 0
 * with the member in `invaliduser` / `unlicenseduser` (WeCom accepts a message
 * whose recipients are partly unknown and says which): for good.
 */
function refusal(to: string) {
  return (answer: ChannelAnswer): { error: string; retry: boolean } | null => {
    const body = bodyOf(answer)
    const code = body.errcode ?? 0
    if (code !== 0) {
      const verdict = verdictOf(code)
      const hint = ERRCODE_HINTS[code]
      const why = verdict === 'token' ? ' (refused a fresh access token too)' : hint ? ` (${hint})` : ''
      return { error: `WeCom errcode ${code}: ${body.errmsg ?? ''}${why}`, retry: verdict !== 'permanent' }
    }
    const listed = (field?: string) => (field ?? '').split('|').includes(to)
    if (listed(body.invaliduser)) return { error: `WeCom has no member "${to}" the app may reach (invaliduser)`, retry: false }
    if (listed(body.unlicenseduser)) return { error: `WeCom member "${to}" has no interop licence (unlicenseduser)`, retry: false }
    return null
  }
}

/**
 * WeCom (企业微信) application messages: text, markdown or a text card from
 * a self-built app (自建应用) to one member by their WeCom user id, the way a
 * sales rep gets a reminder in WeCom itself. The app's secret buys an access
 * token (`GET /cgi-bin/gettoken`), kept in this process for its lifetime and
 * shared by concurrent sends; a token WeCom refuses (42001 expired, 40014
 * invalid) is replaced and the send made once more.
 */
export default defineChannel({
  kind: 'wecom.app',
  carries: 'wecom',
  title: 'WeCom app',
  description: 'Messages from a WeCom (企业微信) self-built app to members by user id',
  i18n,
  config: Type.Object(
    {
      baseUrl: Type.String({ format: 'uri', pattern: '^https?://', default: 'https://qyapi.weixin.qq.com', title: 'API endpoint', description: 'WeCom API endpoint; change only for a proxy or a test stand-in' }),
      corpId: Type.String({ minLength: 1, maxLength: 64, title: 'Corp ID', description: '企业ID: admin console → 我的企业 → 企业信息' }),
      agentId: Type.Integer({ minimum: 1, title: 'Agent ID', description: 'AgentId of the self-built app: 应用管理 → the app' }),
      secret: Type.String({ minLength: 1, maxLength: 256, title: 'Secret', description: "The app's Secret: 应用管理 → the app → Secret (viewed in the WeCom client)" }),
      duplicateCheckSeconds: Type.Integer({
        minimum: 0, maximum: 14400, default: 1800, title: 'Duplicate check (seconds)',
        description: 'WeCom drops a message with the same content to the same member within this many seconds (a retry after a lost answer is not shown twice); 0 turns it off',
      }),
    },
    { additionalProperties: false },
  ),
  secret: ['secret'],
  destinations: (config) => [{ field: 'baseUrl', url: config.baseUrl }],
  async send(message, ctx): Promise<SendOutcome> {
    const { baseUrl, agentId, duplicateCheckSeconds } = ctx.config
    if (!WECOM_USER_ID.test(message.to)) throw new EffectFailure(`"${message.to.slice(0, 80)}" is not a WeCom user id (1-64 letters, digits and _-@., starting with a letter or digit)`, { retry: false })
    let payload: Record<string, unknown>
    try {
      payload = wecomPayload(message)
    } catch (error) {
      if (error instanceof WecomMessageInvalid) throw new EffectFailure(error.message, { retry: false })
      throw error
    }
    const json = {
      touser: message.to,
      agentid: agentId,
      ...payload,
      ...(duplicateCheckSeconds > 0 ? { enable_duplicate_check: 1, duplicate_check_interval: duplicateCheckSeconds } : {}),
    }
    const answer = await withAccessToken(wecomTokens, {
      key: wecomTokenKey(ctx.channel, ctx.config),
      clock: ctx.clock,
      issue: () => issueWecomToken(ctx),
      use: (token) => ctx.http.post(endpointUrl(baseUrl, '/cgi-bin/message/send'), { query: { access_token: token }, json }),
      expired: (a) => a.status === 200 && verdictOf(errcodeOf(a)) === 'token',
    })
    return httpOutcome(answer, { refuse: refusal(message.to), messageId: (body) => (body as SendAnswerBody | null)?.msgid })
  },
})
