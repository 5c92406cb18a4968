import { describe, expect, it } from 'vitest'
import { runNode } from '@kairos/sdk/testing'
import sendSmsV4 from '../src/v4.ts'

const ada = { attributes: { name: 'Ada', phone: '+8613800000001', tier: 'gold' } }
const template = { code: 'SMS_154950909', params: { name: '{{ contact.name }}', tier: '{{ contact.tier | upcase }}' } }

describe('send.sms v4', () => {
  it('keeps the ports of v3 and takes an sms.http, sms.aliyun or sms.tencent channel', () => {
    expect(sendSmsV4).toMatchObject({ type: 'send.sms', version: 4, ports: ['next', 'failed', 'skipped', 'suppressed'] })
    const properties = sendSmsV4.config.properties as unknown as Record<string, Record<string, unknown>>
    expect(properties.channel!['x-kairos-channel']).toEqual(['sms.http', 'sms.aliyun', 'sms.tencent'])
    expect(properties.template!['x-kairos-template-of']).toBe('channel')
  })

  it('sends a template code with each parameter rendered from Liquid, and says what it sent in the body', async () => {
    const { world } = await runNode(sendSmsV4, { config: { template, channel: 'aliyun-main' }, contact: ada })
    expect(world.sent).toMatchObject([{
      channel: 'sms', via: 'aliyun-main', to: '+8613800000001', category: 'marketing',
      body: 'template SMS_154950909: name=Ada, tier=GOLD',
      data: { template: { code: 'SMS_154950909', params: { name: 'Ada', tier: 'GOLD' } } },
    }])
  })

  it('sends free text as v3 does when there is no template', async () => {
    const { world } = await runNode(sendSmsV4, { config: { text: 'Hi {{ contact.name }}' }, contact: ada })
    expect(world.sent).toMatchObject([{ channel: 'sms', to: '+8613800000001', body: 'Hi Ada' }])
    expect((world.sent[0] as { data?: unknown }).data).toBeUndefined()
  })

  it('wants text or a template, not both nor neither, a channel for a template, and Liquid that parses', () => {
    const problems = (config: Record<string, unknown>) => sendSmsV4.validate!({ to: 'phone', category: 'marketing', ...config } as never)
    expect(problems({ text: 'Hi', template, channel: 'a' })).toEqual([{ field: 'config.text', message: expect.stringContaining('not both') }])
    expect(problems({})).toEqual([{ field: 'config.text', message: expect.stringContaining('choose a template channel') }])
    expect(problems({ template })).toEqual([{ field: 'config.channel', message: expect.stringContaining('sms.aliyun or sms.tencent') }])
    expect(problems({ template: { code: 'SMS_1', params: { name: '{{ contact.name ' } }, channel: 'a' })).toEqual([
      { field: 'config.template.params.name', message: expect.stringContaining('template does not parse') },
    ])
    expect(problems({ template, channel: 'a' })).toEqual([])
  })

  it('skips a contact with no phone', async () => {
    const { result } = await runNode(sendSmsV4, { config: { template, channel: 'a' }, contact: { attributes: {} } })
    expect(result).toMatchObject({ kind: 'port', port: 'skipped', output: { reason: 'contact has no phone' } })
  })
})
