// Why a message was held back, worded per locale from the rule the policy recorded
// (web/src/lib/delivery-reason.ts): every rule kind in English and in natural Chinese, times on
// the contact's clock with UTC beside, and the server's sentence for rows recorded without rules.
import { describe, expect, it } from 'vitest'
import { deliveryReasonIn, rulePhrase, type HeldMessage, type PolicyRule } from '../../web/src/lib/delivery-reason.ts'

const NINE_SHANGHAI = '2027-03-03T01:00:00.000Z'
const quiet: PolicyRule = { kind: 'quiet_hours', params: { from: '21:00', to: '09:00', timeZone: 'Asia/Shanghai' } }
const cooling: PolicyRule = { kind: 'cooling', params: { rule: '投诉客户', segment: '投诉客户', channel: 'sms', max: 1, per: '7d' } }
const holiday: PolicyRule = { kind: 'holiday', params: { calendar: 'cn-mainland', date: '2027-10-01', name: '国庆节', nextWorkday: '2027-10-08', timeZone: 'Asia/Shanghai' } }

function deferred(rules: PolicyRule[], status = 'scheduled', sendAt = NINE_SHANGHAI): HeldMessage {
  return { status, sendAt, deferredBy: 'quiet hours 21:00-09:00 (Asia/Shanghai)', suppressedBy: null, policyReason: { timeZone: 'Asia/Shanghai', deferredBy: rules, suppressedBy: null } }
}
const suppressed = (rule: PolicyRule): HeldMessage => ({
  status: 'suppressed', sendAt: NINE_SHANGHAI, deferredBy: null, suppressedBy: 'the English sentence', policyReason: { timeZone: 'Asia/Shanghai', deferredBy: null, suppressedBy: rule },
})

describe('a deferral', () => {
  it('reads in Chinese with the time on the contact\'s clock and UTC beside', () => {
    expect(deliveryReasonIn('zh-CN', deferred([quiet]))).toEqual({ tone: 'held', text: '免打扰时段 21:00–09:00，将于 3月3日 09:00（联系人当地时间，UTC 3月3日 01:00）发送。' })
    expect(deliveryReasonIn('zh-CN', deferred([quiet], 'sent'), Date.parse('2027-03-04T00:00:00Z'))).toEqual({
      tone: 'was-held', text: '免打扰时段 21:00–09:00，已推迟至 3月3日 09:00（联系人当地时间，UTC 3月3日 01:00）发送。',
    })
  })

  it('and in English', () => {
    expect(deliveryReasonIn('en', deferred([quiet]))?.text).toBe('Quiet hours 21:00–09:00: goes out at Mar 3, 09:00 (contact’s time; Mar 3, 01:00 UTC).')
  })

  it('by a public holiday alone is told on the contact\'s clock too, naming the holiday and the next workday', () => {
    // 2027-10-08 00:00 in Shanghai is 10-07 16:00 UTC.
    const message = deferred([holiday], 'scheduled', '2027-10-07T16:00:00.000Z')
    expect(deliveryReasonIn('zh-CN', message)?.text).toBe(
      '法定节假日“国庆节”（2027-10-01），顺延至下一个可发送日 2027-10-08（日历 cn-mainland），将于 10月8日 00:00（联系人当地时间，UTC 10月7日 16:00）发送。',
    )
    expect(deliveryReasonIn('en', message)?.text).toBe(
      'The public holiday 国庆节 on 2027-10-01, moved to the next allowed day, 2027-10-08 (calendar cn-mainland): goes out at Oct 8, 00:00 (contact’s time; Oct 7, 16:00 UTC).',
    )
  })

  it('by several rules names each', () => {
    const wait: PolicyRule = { kind: 'cap', params: { scope: 'flow', channel: 'sms', max: 1, per: '1d' } }
    expect(deliveryReasonIn('zh-CN', deferred([wait, quiet]))?.text).toBe('本旅程频次上限：每天最多 1 条短信；免打扰时段 21:00–09:00，将于 3月3日 09:00（联系人当地时间，UTC 3月3日 01:00）发送。')
  })
})

describe('a suppression', () => {
  it('by a cooling rule names the rule, its audience and its cap', () => {
    expect(deliveryReasonIn('zh-CN', suppressed(cooling))).toEqual({ tone: 'suppressed', text: '未发送：冷却规则“投诉客户”（分群“投诉客户”）：每 7 天最多 1 条短信。' })
    expect(deliveryReasonIn('en', suppressed(cooling))?.text).toBe('Not sent: cooling rule “投诉客户” (segment “投诉客户”): at most 1 marketing SMS per 7 days.')
    const inline: PolicyRule = { kind: 'cooling', params: { rule: 'Never click', segment: null, channel: 'email', max: 2, per: '30d' } }
    expect(rulePhrase('en', inline)).toBe('cooling rule “Never click” (its own condition): at most 2 marketing emails per 30 days')
    expect(rulePhrase('zh-CN', inline)).toBe('冷却规则“Never click”（按自定义条件）：每 30 天最多 2 封邮件')
  })

  it('by every other rule kind, in both languages', () => {
    const rules: PolicyRule[] = [
      { kind: 'cap', params: { scope: 'workspace', channel: 'sms', max: 2, per: '1d' } },
      { kind: 'cap', params: { scope: 'workspace', channel: null, max: 5, per: '1w' } },
      { kind: 'consent', params: { channel: 'sms', attribute: null, event: 'sms.stop' } },
      { kind: 'consent', params: { channel: 'call', attribute: 'consent', event: null } },
      { kind: 'control_group', params: {} },
      { kind: 'no_free_time', params: {} },
      { kind: 'holiday', params: { calendar: 'cn-mainland', date: '2027-10-09', name: null, nextWorkday: '2027-10-11', timeZone: 'Asia/Shanghai' } },
    ]
    expect(rules.map((rule) => rulePhrase('zh-CN', rule))).toEqual([
      '每天最多 2 条短信',
      '每周最多 5 条营销消息',
      '联系人已退订短信（事件 sms.stop）',
      '联系人已退订电话（consent.call = false）',
      '联系人属于全局对照组，不接收任何营销消息',
      '找不到同时满足频次上限和免打扰时段的发送时间',
      '周末（2027-10-09），顺延至下一个工作日 2027-10-11（日历 cn-mainland）',
    ])
    expect(rules.map((rule) => rulePhrase('en', rule))).toEqual([
      'at most 2 marketing SMS per day',
      'at most 5 marketing messages per week',
      'the contact opted out of SMS (event sms.stop)',
      'the contact opted out of calls (consent.call = false)',
      'the contact is in the global control group, which gets no marketing messages',
      'no time free of the caps and quiet hours was found',
      'the weekend day 2027-10-09, moved to the next workday, 2027-10-11 (calendar cn-mainland)',
    ])
  })
})

describe('a row recorded without its rules', () => {
  it('shows the server\'s sentence in the locale\'s framing', () => {
    const old: HeldMessage = { status: 'suppressed', sendAt: null, deferredBy: null, suppressedBy: 'cap: sms 2 per 1d', policyReason: null }
    expect(deliveryReasonIn('zh-CN', old)).toEqual({ tone: 'suppressed', text: '未发送：cap: sms 2 per 1d。' })
    const held: HeldMessage = { status: 'scheduled', sendAt: NINE_SHANGHAI, deferredBy: 'quiet hours 21:00-09:00 (Asia/Shanghai)', suppressedBy: null }
    expect(deliveryReasonIn('en', held)).toEqual({ tone: 'held', text: 'Held back by quiet hours 21:00-09:00 (Asia/Shanghai).' })
  })

  it('and nothing for a message nothing held back', () => {
    expect(deliveryReasonIn('zh-CN', { status: 'sent', sendAt: NINE_SHANGHAI, deferredBy: null, suppressedBy: null, policyReason: null })).toBeNull()
  })
})
