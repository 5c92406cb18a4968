import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import tencent from '../../channels/sms-tencent/src/index.ts'
import { ManualClock, testChannel } from '@kairos/sdk/testing'
import { fakeTencentSms } from '../support/fake-tencent-sms.ts'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

const KEY = { secretId: 'AKIDtestSecretId0001', secretKey: 'tencent-secret-key-0123456789' }
const APP = '1400787878'
const RECEIPT_TOKEN = 'tencent-callback-token-42'
const TEMPLATE = { code: '1110', params: { '1': '{{ contact.name }}', '2': '{{ event.properties.coupon }}' } }

// Tencent Cloud SMS through Kairos, against a stand-in that checks TC3-HMAC-SHA256 over the
// request as it arrives, the parameters and the templates as Tencent does, with its codes.
describe('the sms.tencent channel kind', () => {
  let kairos: TestKairos | undefined
  const fake = fakeTencentSms({
    keys: { [KEY.secretId]: KEY.secretKey }, smsSdkAppId: APP, signNames: ['凯洛斯商城'], templates: { '1110': 2 },
    now: () => kairos?.now() ?? new Date(),
  })
  let endpoint: string
  const config = () => ({ ...KEY, smsSdkAppId: APP, signName: '凯洛斯商城', endpoint, receiptToken: RECEIPT_TOKEN })
  const message = { id: '6f1c1c4e-2222-4a4a-9999-000000000001', to: '+8613800138000', body: 'template 1110', data: { template: { code: '1110', params: { '2': 'C-1', '1': 'Ana' } } } }
  const once = () => ({ clock: new ManualClock(new Date()), maxAttempts: 3 })

  const deliveryOf = async (contact: string) => (await kairos!.api('GET', `/api/deliveries?contact=${contact}`)).body.deliveries[0]
  const tagsOf = async (contact: string) => (await kairos!.api('GET', `/api/contacts/${contact}`)).body.tags.sort()
  const eventsNamed = async (contact: string, name: string) =>
    (await kairos!.core.database.pool.query('select e.id from events e join contacts c on c.id = e.contact_id where c.external_id = $1 and e.name = $2', [contact, name])).rows
  const couponDue = async (contact: string) => {
    await kairos!.api('PUT', `/api/contacts/${contact}`, { attributes: { name: contact, phone: '13800138000' } })
    await kairos!.api('POST', '/api/events', { contact, name: 'coupon_due', properties: { coupon: `C-${contact}` } })
    await kairos!.drain()
  }
  const postCallback = (reports: unknown, token = RECEIPT_TOKEN) =>
    kairos!.app.inject({ method: 'POST', url: `/api/channels/tencent-main/receipts?token=${token}`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(reports) })

  beforeAll(async () => {
    endpoint = await fake.listen()
    kairos = await startTestKairos({ startAt: '2027-03-02T04:00:00Z' })
    const saved = await kairos.api('PUT', '/api/channels/tencent-main', { kind: 'sms.tencent', config: config() })
    expect(saved.body).toMatchObject({ kind: 'sms.tencent', carries: 'sms', secretsSet: ['secretKey', 'receiptToken'], config: { region: 'ap-guangzhou' } })
    await publishFlow(kairos, 'Coupon SMS', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'coupon_due' } },
        { id: 'sms', type: 'send.sms', config: { channel: 'tencent-main', template: TEMPLATE } },
        { id: 'sent', type: 'tag', config: { add: ['sms_sent'] } },
        { id: 'failed', type: 'tag', config: { add: ['sms_failed'] } },
      ],
      edges: [{ source: 'in', target: 'sms' }, { source: 'sms', sourcePort: 'next', target: 'sent' }, { source: 'sms', sourcePort: 'failed', target: 'failed' }],
      settings: { reentry: 'always' },
    })
    await publishFlow(kairos, 'Receipts', {
      nodes: [
        { id: 'ok', type: 'trigger.event', config: { event: 'message.delivered' } }, { id: 'tag-ok', type: 'tag', config: { add: ['delivered'] } },
        { id: 'ko', type: 'trigger.event', config: { event: 'message.failed' } }, { id: 'tag-ko', type: 'tag', config: { add: ['undelivered'] } },
      ],
      edges: [{ source: 'ok', target: 'tag-ok' }, { source: 'ko', target: 'tag-ko' }],
      settings: { reentry: 'always' },
    })
  })
  afterAll(async () => {
    await kairos?.stop()
    await fake.close()
  })

  it('publishes a journey whose step sends the template, signed with TC3-HMAC-SHA256 so that Tencent takes it, the delivery id as SessionContext', async () => {
    await couponDue('ana')
    const [send] = fake.accepted()
    const delivery = await deliveryOf('ana')
    expect(send!.headers).toMatchObject({
      'x-tc-action': 'SendSms', 'x-tc-version': '2021-01-11', 'x-tc-region': 'ap-guangzhou', 'x-tc-timestamp': String(Date.parse('2027-03-02T04:00:00Z') / 1000),
      'content-type': 'application/json; charset=utf-8',
      authorization: expect.stringMatching(/^TC3-HMAC-SHA256 Credential=AKIDtestSecretId0001\/2027-03-02\/sms\/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=[0-9a-f]{64}$/),
    })
    expect(send!.body).toEqual({
      PhoneNumberSet: ['+8613800138000'], SmsSdkAppId: APP, SignName: '凯洛斯商城', TemplateId: '1110', TemplateParamSet: ['ana', 'C-ana'], SessionContext: delivery.id,
    })
    expect(delivery).toMatchObject({ provider: 'tencent-main', status: 'sent', attempts: 1, error: null, body: 'template 1110: 1=ana, 2=C-ana' })
    expect(await tagsOf('ana')).toEqual(['sms_sent'])
  })

  it('is refused by Tencent with AuthFailure.SignatureFailure when the SecretKey is wrong: failed for good', async () => {
    const outcome = await testChannel(tencent, { ...once(), config: { ...config(), secretKey: 'not-the-key' }, message })
    expect(fake.sends.at(-1)!.answer).toMatchObject({ Response: { Error: { Code: 'AuthFailure.SignatureFailure' } } })
    expect(outcome).toMatchObject({ status: 'failed', error: expect.stringContaining('AuthFailure.SignatureFailure: the request signature does not match: the SecretKey is wrong') })
    expect(outcome.attempts).toHaveLength(1)
    // Parameters 1, 2 go in their order, whatever order the step wrote them in.
    const right = await testChannel(tencent, { ...once(), config: config(), message })
    expect(right).toMatchObject({ status: 'sent', providerMessageId: expect.stringMatching(/^2640:/) })
    expect(fake.sends.at(-1)!.body).toMatchObject({ TemplateParamSet: ['Ana', 'C-1'] })
  })

  it('retries LimitExceeded per number, and fails for good on a wrong number, an unapproved template or another app', async () => {
    fake.answerNext('LimitExceeded.PhoneNumberThirtySecondLimit', 'LimitExceeded.PhoneNumberOneHourLimit')
    const limited = await testChannel(tencent, { clock: new ManualClock(new Date()), config: config(), message })
    expect(limited.status).toBe('sent')
    expect(limited.attempts.map((a) => a.answer)).toMatchObject([
      { ok: false, retry: true, error: expect.stringContaining('LimitExceeded.PhoneNumberThirtySecondLimit: Tencent is limiting messages') },
      { ok: false, retry: true }, { ok: true },
    ])
    const wrongNumber = await testChannel(tencent, { ...once(), config: config(), message: { ...message, to: '+861234' } })
    expect(wrongNumber).toMatchObject({ status: 'failed', error: expect.stringContaining('InvalidParameterValue.IncorrectPhoneNumber: the phone number is not a valid mobile number') })
    expect(wrongNumber.attempts).toHaveLength(1)
    const unapproved = { ...message, data: { template: { code: '9999', params: { '1': 'a' } } } }
    expect(await testChannel(tencent, { ...once(), config: config(), message: unapproved })).toMatchObject({ status: 'failed', error: expect.stringContaining('FailedOperation.TemplateIncorrectOrUnapproved') })
    expect(await testChannel(tencent, { ...once(), config: { ...config(), smsSdkAppId: '1400000001' }, message })).toMatchObject({ status: 'failed', error: expect.stringContaining('UnauthorizedOperation.SmsSdkAppIdVerifyFail') })
    const short = { ...message, data: { template: { code: '1110', params: { '1': 'Ana' } } } }
    expect(await testChannel(tencent, { ...once(), config: config(), message: short })).toMatchObject({ status: 'failed', error: expect.stringContaining('TemplateParamSetNotMatchApprovedTemplate') })
  })

  it('takes the failed port when Tencent refuses the number, and retries a limit until sent, through the server', async () => {
    fake.answerNext('InvalidParameterValue.IncorrectPhoneNumber')
    await couponDue('bo')
    expect(await deliveryOf('bo')).toMatchObject({ status: 'failed', attempts: 1 })
    expect(await tagsOf('bo')).toEqual(['sms_failed'])
    fake.answerNext('LimitExceeded.PhoneNumberThirtySecondLimit')
    await couponDue('cy')
    expect(await deliveryOf('cy')).toMatchObject({ status: 'queued', attempts: 1, error: expect.stringContaining('LimitExceeded') })
    await kairos!.advance('10s')
    expect(await deliveryOf('cy')).toMatchObject({ status: 'sent', attempts: 2 })
  })

  it('turns status callbacks into message.delivered and message.failed, answering as Tencent expects', async () => {
    await couponDue('di')
    await couponDue('ed')
    const di = await deliveryOf('di')
    const ed = await deliveryOf('ed')
    const serialOf = (id: string) => ((fake.accepted().find((s) => s.body?.SessionContext === id)!.answer.Response as { SendStatusSet: Array<{ SerialNo: string }> }).SendStatusSet[0]!.SerialNo)
    const answer = await postCallback([
      { user_receive_time: '2027-03-02 12:00:05', nationcode: '86', mobile: '13800138000', report_status: 'SUCCESS', errmsg: 'DELIVRD', description: '用户短信送达成功', sid: serialOf(di.id), ext: di.id },
      { user_receive_time: '2027-03-02 12:00:07', nationcode: '86', mobile: '13800138000', report_status: 'FAIL', errmsg: 'MI:0013', description: '用户停机', sid: serialOf(ed.id), ext: ed.id },
    ])
    expect([answer.statusCode, answer.json()]).toEqual([200, { result: 0, errmsg: 'OK', received: 2, recorded: 2, unmatched: 0 }])
    await kairos!.drain()
    expect(await deliveryOf('di')).toMatchObject({ status: 'delivered', receipts: { delivered: '2027-03-02T04:00:05.000Z' } })
    expect(await deliveryOf('ed')).toMatchObject({ status: 'failed', error: 'MI:0013: 用户停机' })
    expect(await eventsNamed('di', 'message.delivered')).toHaveLength(1)
    expect(await eventsNamed('ed', 'message.failed')).toHaveLength(1)
    expect(await tagsOf('di')).toEqual(['delivered', 'sms_sent'])
    expect(await tagsOf('ed')).toEqual(['sms_sent', 'undelivered'])

    const wrong = await postCallback([{ report_status: 'SUCCESS', ext: di.id }], 'guessed-token-00000000')
    expect(wrong.statusCode).toBe(401)
    const bad = await postCallback([{ report_status: 'MAYBE' }])
    expect([bad.statusCode, bad.json().error.message]).toEqual([400, expect.stringContaining('report_status must be SUCCESS or FAIL')])
  })

  it('requires a receipt token of 16 characters or more, and refuses a callback that carries none', async () => {
    const { receiptToken: _, ...withoutToken } = config()
    const none = await kairos!.api('PUT', '/api/channels/tencent-untokened', { kind: 'sms.tencent', config: withoutToken })
    expect([none.status, none.body.error.details]).toEqual([400, [expect.objectContaining({ field: 'body.config.receiptToken' })]])
    const short = await kairos!.api('PUT', '/api/channels/tencent-untokened', { kind: 'sms.tencent', config: { ...withoutToken, receiptToken: 'fifteen-chars-x' } })
    expect([short.status, short.body.error.details]).toEqual([400, [expect.objectContaining({ field: 'body.config.receiptToken' })]])
    const bare = await kairos!.app.inject({ method: 'POST', url: '/api/channels/tencent-main/receipts', headers: { 'content-type': 'application/json' }, payload: '[]' })
    expect([bare.statusCode, bare.json().error.message]).toEqual([401, expect.stringContaining("does not match the channel's receiptToken")])
  })

  it('refuses at publish parameters not numbered 1, 2 … and a text channel given a template, naming the field', async () => {
    await kairos!.api('PUT', '/api/channels/plain-sms', { kind: 'sms.http', config: { url: `${endpoint}/plain` } })
    const publish = async (sms: Record<string, unknown>) => {
      const graph = { nodes: [{ id: 'in', type: 'trigger.event', config: { event: 'x' } }, { id: 'sms', type: 'send.sms', config: sms }], edges: [{ source: 'in', target: 'sms' }] }
      const flow = await kairos!.api('POST', '/api/flows', { name: `bad ${Math.random()}`, graph })
      return (await kairos!.api('POST', `/api/flows/${flow.body.id}/publish`)).body.error.details
    }
    expect(await publish({ channel: 'tencent-main', template: { code: '1110', params: { name: '{{ contact.name }}' } } })).toEqual([
      { node: 'sms', field: 'config.template.params', message: 'sms.tencent parameters are numbered 1, 2, 3 … as in the template\'s {1}, {2}; "name" is not a number' },
    ])
    expect(await publish({ channel: 'tencent-main', template: { code: '1110', params: { '1': 'a', '3': 'c' } } })).toEqual([
      { node: 'sms', field: 'config.template.params', message: 'sms.tencent parameters are numbered 1, 2, 3 … with no gap; {2} is missing' },
    ])
    expect(await publish({ channel: 'plain-sms', template: TEMPLATE })).toEqual([
      { node: 'sms', field: 'config.template', message: 'channel "plain-sms" (sms.http) sends free text, not provider templates: clear the template and write the message text' },
    ])
    expect(await publish({ channel: 'nope', template: TEMPLATE })).toEqual([
      { node: 'sms', field: 'config.channel', message: 'channel "nope" does not exist; configure it at PUT /api/channels/nope (kind sms.http, sms.aliyun or sms.tencent)' },
    ])
  })
})
