import { describe, expect, it } from 'vitest'
import { untranslated } from '@kairos/sdk'
import { runNode } from '@kairos/sdk/testing'
import sendWechat from '../src/index.ts'

const config = {
  channel: 'oa-main',
  templateId: 'tpl-renewal-01',
  fields: [
    { key: 'thing1', value: '{{ contact.name }}的会员续费' },
    { key: 'time2', value: '{{ contact.subscription_end }}' },
  ],
  url: 'https://shop.example/renew?c={{ contact.externalId }}',
}
const contact = { attributes: { name: '王芳', subscription_end: '2027-03-05', openid: 'oAbC-123' } }

describe('send.wechat', () => {
  it('sends the template with each field rendered to the openid, marketing by default', async () => {
    const { result, world } = await runNode(sendWechat, { config, contact })
    expect(world.sent).toEqual([
      expect.objectContaining({
        channel: 'wechat', via: 'oa-main', to: 'oAbC-123', category: 'marketing',
        body: 'thing1: 王芳的会员续费\ntime2: 2027-03-05',
        data: { templateId: 'tpl-renewal-01', fields: { thing1: '王芳的会员续费', time2: '2027-03-05' }, url: expect.stringMatching(/^https:\/\/shop\.example\/renew\?c=/) },
      }),
    ])
    expect(result).toMatchObject({ kind: 'port', port: 'next', output: { to: 'oAbC-123' } })
  })

  it('reads the openid from the attribute named, and skips a contact without one', async () => {
    const other = await runNode(sendWechat, { config: { ...config, openidAttribute: 'wechat.openid' }, contact: { attributes: { wechat: { openid: 'o-nested' } } } })
    expect(other.world.sent[0].to).toBe('o-nested')
    const none = await runNode(sendWechat, { config, contact: { attributes: { name: 'Bo' } } })
    expect(none.result).toEqual({ kind: 'port', port: 'skipped', output: { reason: 'contact has no openid' } })
    expect(none.world.sent).toEqual([])
  })

  it('sends no url when none is set, and transactional when asked', async () => {
    const { world } = await runNode(sendWechat, { config: { ...config, url: undefined, category: 'transactional' }, contact })
    expect(world.sent[0]).toMatchObject({ category: 'transactional', data: { templateId: 'tpl-renewal-01', fields: { thing1: '王芳的会员续费' } } })
    expect(world.sent[0].data).not.toHaveProperty('url')
  })

  it('refuses at publish a key given twice, a key that is not a keyword, a field that does not parse, and no fields', async () => {
    const refused = (c: unknown) => runNode(sendWechat, { config: c, contact })
    await expect(refused({ ...config, fields: [...config.fields, { key: 'thing1', value: 'x' }] })).rejects.toThrow('config.fields[2].key "thing1" is given twice')
    await expect(refused({ ...config, fields: [{ key: 'thing 1', value: 'x' }] })).rejects.toThrow('config.fields[0].key')
    await expect(refused({ ...config, fields: [{ key: 'thing1', value: '{{ contact.name ' }] })).rejects.toThrow('config.fields[0].value template does not parse')
    await expect(refused({ ...config, fields: [] })).rejects.toThrow('config.fields')
  })

  it('is translated into zh-CN throughout', () => {
    expect(untranslated(sendWechat, 'zh-CN')).toEqual([])
  })
})
