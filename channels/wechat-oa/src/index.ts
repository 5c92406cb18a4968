import { defineChannel, EffectFailure, endpointUrl, httpOutcome, Type, withAccessToken, type ChannelAnswer, type SendOutcome } from '@kairos/sdk'
import { issueWechatToken, wechatTokenKey, wechatTokens } from './access-token.ts'
import { TemplateMessageInvalid, templatePayload } from './template-message.ts'
import { ERRCODE_HINTS, verdictOf } from './wechat-errcodes.ts'
import { i18n } from './i18n.ts'

export { clientMsgId, FIELD_KEY, templatePayload, type WechatTemplateData } from './template-message.ts'

interface SendAnswerBody {
  errcode?: number
  errmsg?: string
  msgid?: number | string
}

const bodyOf = (answer: ChannelAnswer) => ((answer.body ?? {}) as SendAnswerBody)

/** A token WeChat calls invalid or not the latest (not merely expired): stable_token's normal mode may hand it out again. */
const INVALID_TOKEN = new Set([40001, 40014])

/** WeChat's refusal in a 200 answer: retried when busy or over quota (45009), else for good with what to check. */
function refusal(answer: ChannelAnswer): { error: string; retry: boolean } | null {
  const { errcode = 0, errmsg = '' } = bodyOf(answer)
  if (errcode === 0) return null
  const verdict = verdictOf(errcode)
  const hint = verdict === 'token' ? 'refused a fresh access token too' : ERRCODE_HINTS[errcode]
  return { error: `WeChat errcode ${errcode}: ${errmsg}${hint ? ` (${hint})` : ''}`, retry: verdict !== 'permanent' }
}

/**
 * WeChat Official Account (公众号) template messages: a template the account
 * added (模板消息 → 我的模板), its fields filled in, to a follower by the
 * openid they have for this account, a tap leading to `url`. The AppSecret
 * buys an access token (`GET /cgi-bin/token`), kept in this process for its
 * lifetime and shared by concurrent sends; a token WeChat refuses (42001
 * expired, 40001 not the latest) is replaced and the send made once more.
 */
export default defineChannel({
  kind: 'wechat.template',
  carries: 'wechat',
  title: 'WeChat template messages',
  description: 'Template messages from a WeChat Official Account (公众号) to its followers by openid',
  i18n,
  config: Type.Object(
    {
      baseUrl: Type.String({ format: 'uri', pattern: '^https?://', default: 'https://api.weixin.qq.com', title: 'API endpoint', description: 'WeChat API endpoint; change only for a proxy or a test stand-in' }),
      appId: Type.String({ minLength: 1, maxLength: 64, title: 'AppID', description: '公众平台 → 设置与开发 → 基本配置 → 开发者ID (AppID)' }),
      appSecret: Type.String({ minLength: 1, maxLength: 256, title: 'AppSecret', description: '基本配置 → 开发者密码 (AppSecret); add Kairos\' outbound IP to the IP白名单 there' }),
      tokenApi: Type.Union([Type.Literal('stable_token'), Type.Literal('token')], {
        default: 'stable_token',
        title: 'Token API',
        description: 'stable_token: one token shared by every worker and by other systems of the account; token: the classic API, where each request ends the previous token 5 minutes later',
      }),
    },
    { additionalProperties: false },
  ),
  secret: ['appSecret'],
  destinations: (config) => [{ field: 'baseUrl', url: config.baseUrl }],
  async send(message, ctx): Promise<SendOutcome> {
    let json: Record<string, unknown>
    try {
      json = templatePayload(message, ctx.idempotencyKey)
    } catch (error) {
      if (error instanceof TemplateMessageInvalid) throw new EffectFailure(error.message, { retry: false })
      throw error
    }
    // The token a send used, and the one WeChat refused as invalid: the retry's token request forces a refresh if WeChat hands that one back.
    let used: string | undefined
    let refused: string | undefined
    const answer = await withAccessToken(wechatTokens, {
      key: wechatTokenKey(ctx.channel, ctx.config),
      clock: ctx.clock,
      issue: () => issueWechatToken(ctx, refused),
      use: (token) => {
        used = token
        return ctx.http.post(endpointUrl(ctx.config.baseUrl, '/cgi-bin/message/template/send'), { query: { access_token: token }, json })
      },
      expired: (a) => {
        const errcode = a.status === 200 ? (bodyOf(a).errcode ?? 0) : 0
        if (INVALID_TOKEN.has(errcode)) refused = used
        return verdictOf(errcode) === 'token'
      },
    })
    return httpOutcome(answer, { refuse: refusal, messageId: (body) => (body as SendAnswerBody | null)?.msgid?.toString() })
  },
})
