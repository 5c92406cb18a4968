import { randomUUID } from 'node:crypto'
import { checkReceiptToken, defineChannel, HttpUrl, templateOf, Type } from '@kairos/sdk'
import { rpcSignature, rpcTimestamp } from './rpc-signature.ts'
import { sendOutcome } from './send-codes.ts'
import { parseSmsReports } from './sms-report.ts'
import { i18n } from './i18n.ts'

/**
 * Aliyun SMS (Dysmsapi `SendSms`, API version 2017-05-25): an approved signature
 * (SignName) and template (TemplateCode) with its parameters as TemplateParam JSON,
 * signed with the RPC signature (HMAC-SHA1, see rpc-signature.ts). The delivery id goes
 * as OutId so SmsReport receipts name it. Template-only: mainland China's carriers take
 * no free-text SMS from it. See docs/channels/sms-aliyun.md.
 */
export default defineChannel({
  kind: 'sms.aliyun',
  carries: 'sms',
  title: 'Aliyun SMS',
  description: 'Aliyun SMS (短信服务, Dysmsapi SendSms) with an approved signature and templates; SmsReport receipts',
  i18n,
  config: Type.Object(
    {
      accessKeyId: Type.String({ minLength: 1, maxLength: 128, description: 'AccessKey ID of a RAM user allowed to send SMS (RAM console → AccessKey)' }),
      accessKeySecret: Type.String({ minLength: 1, maxLength: 256, description: 'Its AccessKey secret' }),
      signName: Type.String({ minLength: 1, maxLength: 64, description: 'The approved signature (签名), as in the SMS console: e.g. 凯洛斯商城' }),
      endpoint: HttpUrl({ default: 'https://dysmsapi.aliyuncs.com', description: "Dysmsapi's endpoint (default https://dysmsapi.aliyuncs.com)" }),
      regionId: Type.String({ default: 'cn-hangzhou', pattern: '^[a-z0-9-]+$', description: 'RegionId sent with the request (default cn-hangzhou)' }),
      receiptToken: Type.String({ minLength: 16, maxLength: 128, description: 'At least 16 characters you make up; put it in the receipt URL you give the console: https://<kairos>/api/channels/<name>/receipts?token=<this> (Aliyun signs no receipts: receipts without it are refused)' }),
      timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 30_000, description: 'How long to wait for Aliyun, in ms (default 10000)' })),
    },
    { additionalProperties: false },
  ),
  secret: ['accessKeySecret', 'receiptToken'],
  destinations: (config) => [{ field: 'endpoint', url: config.endpoint }],
  template: { params: 'named', codePattern: '^SMS_\\d+$', codeExample: 'SMS_154950909' },
  async send(message, ctx) {
    const { accessKeyId, accessKeySecret, signName, endpoint, regionId, timeoutMs } = ctx.config
    const template = templateOf(message, 'sms.aliyun')
    const params: Record<string, string> = {
      AccessKeyId: accessKeyId, Action: 'SendSms', Format: 'JSON', RegionId: regionId,
      SignatureMethod: 'HMAC-SHA1', SignatureNonce: randomUUID(), SignatureVersion: '1.0',
      Timestamp: rpcTimestamp(ctx.clock.now()), Version: '2017-05-25',
      PhoneNumbers: message.to, SignName: signName, TemplateCode: template.code,
      TemplateParam: JSON.stringify(template.params), OutId: message.id,
    }
    const answer = await ctx.http.post(endpoint, { form: { ...params, Signature: rpcSignature('POST', params, accessKeySecret) }, timeoutMs })
    return sendOutcome(answer.status, answer.body)
  },
  receipt: {
    reply: { code: 0, msg: '成功' },
    parse(request, ctx) {
      checkReceiptToken(request, ctx.config.receiptToken)
      return parseSmsReports(request.rawBody)
    },
  },
})
