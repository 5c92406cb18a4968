// GET /api/channel-kinds gives each kind's own translations, as GET /api/node-types gives a node's:
// the editor's channel form, list and pickers read them (issue 15).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'

describe('GET /api/channel-kinds', () => {
  let kairos: TestKairos
  beforeAll(async () => {
    kairos = await startTestKairos()
  })
  afterAll(() => kairos?.stop())

  it('returns each built-in kind with its zh-CN title, help and enum labels', async () => {
    const reply = await kairos.api('GET', '/api/channel-kinds')
    expect(reply.status).toBe(200)
    const byKind = Object.fromEntries(reply.body.kinds.map((k: { kind: string }) => [k.kind, k]))
    expect(byKind['sms.aliyun'].title).toBe('Aliyun SMS')
    expect(byKind['sms.aliyun'].i18n['zh-CN']).toMatchObject({
      title: '阿里云短信',
      fields: { accessKeyId: { title: 'AccessKey ID', description: expect.stringContaining('RAM 访问控制 → 用户 → AccessKey') } },
    })
    expect(byKind['wechat.template'].i18n['zh-CN'].fields.tokenApi.enum).toEqual({ stable_token: expect.any(String), token: expect.any(String) })
    for (const kind of reply.body.kinds) expect(kind.i18n['zh-CN']?.title, kind.kind).toMatch(/\S/)
  })
})
