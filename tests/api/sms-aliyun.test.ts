import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import aliyun from '../../channels/sms-aliyun/src/index.ts'
import { ManualClock, testChannel } from '@kairos/sdk/testing'
import { fakeAliyunSms } from '../support/fake-aliyun-sms.ts'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

const KEY = { accessKeyId: 'LTAI5tTestKeyId', accessKeySecret: 'aliyun-secret-0123456789' }
const RECEIPT_TOKEN = 'aliyun-receipt-token-42'
const TEMPLATE = { code: 'SMS_154950909', params: { name: '{{ contact.name }}', coupon: '{{ event.properties.coupon }}' } }

// Aliyun SMS through Kairos, against a stand-in that checks the RPC signature, the
// parameters and the templates as Dysmsapi does, and answers with Aliyun's codes.
describe('the sms.aliyun channel kind', () => {
  let kairos: TestKairos | undefined
  const fake = fakeAliyunSms({
    keys: { [KEY.accessKeyId]: KEY.accessKeySecret },
    signNames: ['凯洛斯商城'],
    templates: { SMS_154950909: ['name', 'coupon'] },
    now: () => kairos?.now() ?? new Date(),
  })
  let endpoint: string
  const config = () => ({ ...KEY, signName: '凯洛斯商城', endpoint, receiptToken: RECEIPT_TOKEN })
  const message = { id: '6f1c1c4e-1111-4a4a-9999-000000000001', to: '13800138000', body: 'template SMS_154950909', data: { template: { code: 'SMS_154950909', params: { name: 'Ana', coupon: 'C-1' } } } }

  const deliveryOf = async (contact: string) => (await kairos!.api('GET', `/api/deliveries?contact=${contact}`)).body.deliveries[0]
  const tagsOf = async (contact: string) => (await kairos!.api('GET', `/api/contacts/${contact}`)).body.tags.sort()
  const eventsNamed = async (contact: string, name: string) =>
    (await kairos!.core.database.pool.query('select e.properties from events e join contacts c on c.id = e.contact_id where c.external_id = $1 and e.name = $2', [contact, name])).rows
  const couponDue = async (contact: string, phone = '13800138000') => {
    await kairos!.api('PUT', `/api/contacts/${contact}`, { attributes: { name: contact, phone } })
    await kairos!.api('POST', '/api/events', { contact, name: 'coupon_due', properties: { coupon: `C-${contact}` } })
    await kairos!.drain()
  }
  const postReports = (reports: unknown, token = RECEIPT_TOKEN) =>
    kairos!.app.inject({ method: 'POST', url: `/api/channels/aliyun-main/receipts?token=${token}`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(reports) })

  beforeAll(async () => {
    endpoint = await fake.listen()
    kairos = await startTestKairos({ startAt: '2027-03-02T04:00:00Z' })
    const saved = await kairos.api('PUT', '/api/channels/aliyun-main', { kind: 'sms.aliyun', config: config() })
    expect(saved.body).toMatchObject({ kind: 'sms.aliyun', carries: 'sms', secretsSet: ['accessKeySecret', 'receiptToken'], config: { regionId: 'cn-hangzhou' } })
    await publishFlow(kairos, 'Coupon SMS', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'coupon_due' } },
        { id: 'sms', type: 'send.sms', config: { channel: 'aliyun-main', template: TEMPLATE, category: 'transactional' } },
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

  it('publishes a journey whose step sends the approved template, signed so that Aliyun takes it, with the delivery id as OutId', async () => {
    await couponDue('ana')
    const [send] = fake.accepted()
    const delivery = await deliveryOf('ana')
    expect(send!.method).toBe('POST')
    expect(send!.params).toMatchObject({
      AccessKeyId: KEY.accessKeyId, Action: 'SendSms', Version: '2017-05-25', Format: 'JSON', RegionId: 'cn-hangzhou', SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0',
      Timestamp: '2027-03-02T04:00:00Z', PhoneNumbers: '13800138000', SignName: '凯洛斯商城', TemplateCode: 'SMS_154950909', OutId: delivery.id,
    })
    expect(JSON.parse(send!.params.TemplateParam!)).toEqual({ name: 'ana', coupon: 'C-ana' })
    expect(delivery).toMatchObject({ channel: 'sms', provider: 'aliyun-main', status: 'sent', attempts: 1, body: 'template SMS_154950909: name=ana, coupon=C-ana', error: null })
    expect(delivery.providerResponse).toMatchObject({ status: 200, body: { Code: 'OK', BizId: send!.bizId } })
    expect(await tagsOf('ana')).toEqual(['sms_sent'])
  })

  it('is refused by Aliyun with SignatureDoesNotMatch when the secret is wrong: failed for good, saying which secret', async () => {
    const outcome = await testChannel(aliyun, { config: { ...config(), accessKeySecret: 'not-the-secret' }, message, clock: new ManualClock(new Date()) })
    expect(fake.sends.at(-1)!.answer).toMatchObject({ status: 400, body: { Code: 'SignatureDoesNotMatch', Message: expect.stringContaining('server string to sign is:POST&%2F&AccessKeyId') } })
    expect(outcome).toMatchObject({ status: 'failed', error: expect.stringMatching(/^Aliyun SignatureDoesNotMatch: .*AccessKey secret is wrong/) })
    expect(outcome.attempts).toHaveLength(1)
    // The same message, signed with the right secret, goes.
    expect(await testChannel(aliyun, { config: config(), message, clock: new ManualClock(new Date()) })).toMatchObject({ status: 'sent', providerMessageId: expect.stringMatching(/\^0$/) })
  })

  it('retries a per-number frequency limit and throttling, and fails for good on a bad number, an unapproved signature or a template parameter missing', async () => {
    fake.answerNext('isv.BUSINESS_LIMIT_CONTROL', 'Throttling.User')
    const limited = await testChannel(aliyun, { config: config(), message, clock: new ManualClock(new Date()) })
    expect(limited.attempts.map((a) => a.answer.ok || a.answer.retry)).toEqual([true, true, true])
    expect(limited).toMatchObject({ status: 'sent' })
    expect(limited.attempts[0]!.answer).toMatchObject({ ok: false, retry: true, error: expect.stringContaining('isv.BUSINESS_LIMIT_CONTROL: Aliyun is limiting messages to this number') })

    const once = { clock: new ManualClock(new Date()), maxAttempts: 3 }
    expect(await testChannel(aliyun, { ...once, config: config(), message: { ...message, to: '12345' } })).toMatchObject({
      status: 'failed', error: expect.stringContaining('isv.MOBILE_NUMBER_ILLEGAL: the phone number is not a valid mobile number'), attempts: [expect.anything()],
    })
    expect(await testChannel(aliyun, { ...once, config: { ...config(), signName: '别的签名' }, message })).toMatchObject({
      status: 'failed', error: expect.stringContaining('isv.SMS_SIGNATURE_ILLEGAL: SignName is not an approved signature'), attempts: [expect.anything()],
    })
    const missing = { ...message, data: { template: { code: 'SMS_154950909', params: { name: 'Ana' } } } }
    expect(await testChannel(aliyun, { ...once, config: config(), message: missing })).toMatchObject({ status: 'failed', error: expect.stringContaining('isv.TEMPLATE_MISSING_PARAMETERS') })
    // A message with no template (free text) is never sent as such.
    const before = fake.sends.length
    expect(await testChannel(aliyun, { ...once, config: config(), message: { ...message, data: null } })).toMatchObject({ status: 'failed', error: expect.stringContaining('sends approved templates only') })
    expect(fake.sends.length).toBe(before)
  })

  it('takes the journey down its failed port when Aliyun refuses the number, and retries a frequency limit until sent', async () => {
    fake.answerNext('isv.MOBILE_NUMBER_ILLEGAL')
    await couponDue('bo')
    expect(await deliveryOf('bo')).toMatchObject({ status: 'failed', attempts: 1, error: expect.stringContaining('isv.MOBILE_NUMBER_ILLEGAL') })
    expect(await tagsOf('bo')).toEqual(['sms_failed'])

    fake.answerNext('isv.BUSINESS_LIMIT_CONTROL')
    await couponDue('cy')
    expect(await deliveryOf('cy')).toMatchObject({ status: 'queued', attempts: 1, error: expect.stringContaining('isv.BUSINESS_LIMIT_CONTROL') })
    await kairos!.advance('10s')
    expect(await deliveryOf('cy')).toMatchObject({ status: 'sent', attempts: 2, error: null })
    expect(await tagsOf('cy')).toEqual(['sms_sent'])
  })

  it('turns SmsReport pushes into message.delivered and message.failed, answering as Aliyun expects', async () => {
    await couponDue('di')
    await couponDue('ed')
    const di = await deliveryOf('di')
    const ed = await deliveryOf('ed')
    const bizOf = (id: string) => fake.accepted().find((s) => s.params.OutId === id)!.bizId
    const answer = await postReports([
      { phone_number: '13800138000', send_time: '2027-03-02 12:00:00', report_time: '2027-03-02 12:00:05', success: true, err_code: 'DELIVERED', err_msg: '用户接收成功', sms_size: '1', biz_id: bizOf(di.id), out_id: di.id },
      { phone_number: '13800138000', send_time: '2027-03-02 12:00:00', report_time: '2027-03-02 12:00:07', success: false, err_code: 'MK:0001', err_msg: '用户关机', sms_size: '1', biz_id: bizOf(ed.id), out_id: ed.id },
      { phone_number: '13800138000', report_time: '2027-03-02 12:00:09', success: true, biz_id: '1^0', out_id: 'not-ours' },
    ])
    expect([answer.statusCode, answer.json()]).toEqual([200, { code: 0, msg: '成功', received: 3, recorded: 2, unmatched: 1 }])
    await kairos!.drain()
    expect(await deliveryOf('di')).toMatchObject({ status: 'delivered', receipts: { delivered: '2027-03-02T04:00:05.000Z' } })
    expect(await deliveryOf('ed')).toMatchObject({ status: 'failed', error: 'MK:0001: 用户关机' })
    expect(await eventsNamed('di', 'message.delivered')).toHaveLength(1)
    expect(await eventsNamed('ed', 'message.failed')).toHaveLength(1)
    expect(await tagsOf('di')).toEqual(['delivered', 'sms_sent'])
    expect(await tagsOf('ed')).toEqual(['sms_sent', 'undelivered'])
  })

  it('refuses a push without the receipt token, and a body that is not a list of reports, recording nothing', async () => {
    const wrong = await postReports([{ success: true, out_id: (await deliveryOf('ana')).id }], 'guessed-token-000000')
    expect([wrong.statusCode, wrong.json().error.message]).toEqual([401, expect.stringContaining("does not match the channel's receiptToken")])
    const bad = await postReports({ success: true })
    expect([bad.statusCode, bad.json().error.message]).toEqual([400, expect.stringContaining('an SmsReport push is a JSON array of reports')])
    expect((await deliveryOf('ana')).status).toBe('sent')
  })

  it('requires a receipt token of 16 characters or more, and refuses a push that carries none', async () => {
    const { receiptToken: _, ...withoutToken } = config()
    const none = await kairos!.api('PUT', '/api/channels/aliyun-untokened', { kind: 'sms.aliyun', config: withoutToken })
    expect([none.status, none.body.error.details]).toEqual([400, [expect.objectContaining({ field: 'body.config.receiptToken' })]])
    const short = await kairos!.api('PUT', '/api/channels/aliyun-untokened', { kind: 'sms.aliyun', config: { ...withoutToken, receiptToken: 'fifteen-chars-x' } })
    expect([short.status, short.body.error.details]).toEqual([400, [expect.objectContaining({ field: 'body.config.receiptToken' })]])
    const bare = await kairos!.app.inject({ method: 'POST', url: '/api/channels/aliyun-main/receipts', headers: { 'content-type': 'application/json' }, payload: '[]' })
    expect([bare.statusCode, bare.json().error.message]).toEqual([401, expect.stringContaining("does not match the channel's receiptToken")])
  })

  it('refuses at publish a template-only channel without a template, or a code that is not Aliyun\'s, naming the field', async () => {
    const draft = (sms: Record<string, unknown>) => ({
      nodes: [{ id: 'in', type: 'trigger.event', config: { event: 'x' } }, { id: 'sms', type: 'send.sms', config: { channel: 'aliyun-main', ...sms } }],
      edges: [{ source: 'in', target: 'sms' }],
    })
    const publish = async (sms: Record<string, unknown>) => {
      const flow = await kairos!.api('POST', '/api/flows', { name: `bad ${Math.random()}`, graph: draft(sms) })
      return kairos!.api('POST', `/api/flows/${flow.body.id}/publish`)
    }
    const text = await publish({ text: 'Hello {{ contact.name }}' })
    expect([text.status, text.body.error.code, text.body.error.details]).toEqual([400, 'KAIROS_FLOW_INVALID', [
      { node: 'sms', field: 'config.template', message: 'channel "aliyun-main" (sms.aliyun) sends only templates the provider approved: set the template code and its parameters' },
    ]])
    const code = await publish({ template: { code: 'welcome', params: {} } })
    expect(code.body.error.details).toEqual([{ node: 'sms', field: 'config.template.code', message: '"welcome" is not a sms.aliyun template code (they look like SMS_154950909)' }])
  })
})
