import { checkReceiptToken, defineChannel, HttpUrl, numberedParams, templateOf, Type } from '@kairos/sdk'
import { parseStatusCallback } from './status-callback.ts'
import { sendOutcome } from './send-codes.ts'
import { tc3Authorization } from './tc3-signature.ts'
import { i18n } from './i18n.ts'

const SERVICE = 'sms'
const VERSION = '2021-01-11'

/** A mainland number without its country code gets +86, as Tencent wants E.164. */
const e164 = (to: string) => (to.startsWith('+') ? to : /^1\d{10}$/.test(to) ? `+86${to}` : to)

/**
 * Tencent Cloud SMS (`SendSms`, API version 2021-01-11): an application (SmsSdkAppId),
 * an approved signature (SignName) and template (TemplateId) with its parameters in
 * order (TemplateParamSet), signed with TC3-HMAC-SHA256 (see tc3-signature.ts). The
 * delivery id goes as SessionContext so status callbacks name it. Template-only.
 * See docs/channels/sms-tencent.md.
 */
export default defineChannel({
  kind: 'sms.tencent',
  carries: 'sms',
  title: 'Tencent Cloud SMS',
  description: 'Tencent Cloud SMS (短信, SendSms) with an approved signature and templates; status callbacks',
  i18n,
  config: Type.Object(
    {
      secretId: Type.String({ minLength: 1, maxLength: 128, description: 'SecretId of an API key allowed to send SMS (console → Access management → API keys)' }),
      secretKey: Type.String({ minLength: 1, maxLength: 256, description: 'Its SecretKey' }),
      smsSdkAppId: Type.String({ pattern: '^\\d{6,20}$', description: 'SmsSdkAppId of the SMS application (SMS console → Application management), e.g. 1400006666' }),
      signName: Type.String({ minLength: 1, maxLength: 64, description: 'The approved signature (签名) content, e.g. 腾讯云' }),
      region: Type.String({ default: 'ap-guangzhou', pattern: '^[a-z]+-[a-z]+$', description: 'X-TC-Region (default ap-guangzhou; ap-beijing and ap-nanjing also serve SMS)' }),
      endpoint: HttpUrl({ default: 'https://sms.tencentcloudapi.com', description: "The SMS API's endpoint (default https://sms.tencentcloudapi.com)" }),
      receiptToken: Type.String({ minLength: 16, maxLength: 128, description: 'At least 16 characters you make up; put it in the receipt URL you give the console: https://<kairos>/api/channels/<name>/receipts?token=<this> (Tencent signs no callbacks: callbacks without it are refused)' }),
      timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 30_000, description: 'How long to wait for Tencent, in ms (default 10000)' })),
    },
    { additionalProperties: false },
  ),
  secret: ['secretKey', 'receiptToken'],
  destinations: (config) => [{ field: 'endpoint', url: config.endpoint }],
  template: { params: 'numbered', codePattern: '^\\d{1,12}$', codeExample: '1110' },
  async send(message, ctx) {
    const { secretId, secretKey, smsSdkAppId, signName, region, endpoint, timeoutMs } = ctx.config
    const template = templateOf(message, 'sms.tencent')
    const payload = JSON.stringify({
      PhoneNumberSet: [e164(message.to)], SmsSdkAppId: smsSdkAppId, SignName: signName, TemplateId: template.code,
      TemplateParamSet: numberedParams(template.params, 'sms.tencent'), SessionContext: message.id,
    })
    const timestamp = Math.floor(ctx.clock.now().getTime() / 1000)
    const signed = { 'content-type': 'application/json; charset=utf-8', host: new URL(endpoint).host, 'x-tc-action': 'SendSms' }
    const authorization = tc3Authorization({ secretId, secretKey }, SERVICE, timestamp, { method: 'POST', headers: signed, payload })
    const answer = await ctx.http.post(endpoint, {
      body: payload,
      headers: {
        authorization, 'content-type': signed['content-type'], 'x-tc-action': 'SendSms',
        'x-tc-timestamp': String(timestamp), 'x-tc-version': VERSION, 'x-tc-region': region,
      },
      timeoutMs,
    })
    return sendOutcome(answer.status, answer.body)
  },
  receipt: {
    reply: { result: 0, errmsg: 'OK' },
    parse(request, ctx) {
      checkReceiptToken(request, ctx.config.receiptToken)
      return parseStatusCallback(request.rawBody)
    },
  },
})
