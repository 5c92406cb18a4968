// Every built-in channel kind speaks Chinese in the editor: its title, description and each config
// field's label, help and enum labels ship in the kind's own `i18n` (as a node's do), checked at
// load by the same rules. A field added later without its translation fails here, naming the kind.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { checkChannelDefinition, defineChannel, Type, untranslated, type AnyChannelDefinition } from '@kairos/sdk'

const channelsDir = join(dirname(fileURLToPath(import.meta.url)), '../../channels')
const packages = readdirSync(channelsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)

async function kindsOf(pkg: string): Promise<AnyChannelDefinition[]> {
  const manifest = JSON.parse(readFileSync(join(channelsDir, pkg, 'package.json'), 'utf8')) as { kairos?: { channels?: string[] } }
  const out: AnyChannelDefinition[] = []
  for (const entry of manifest.kairos?.channels ?? []) {
    const exported = (await import(pathToFileURL(join(channelsDir, pkg, entry)).href)).default
    out.push(...(Array.isArray(exported) ? exported : [exported]))
  }
  return out
}

// What the channel form shows for each built-in kind: its name in Chinese as an operator reads it.
const TITLES: Record<string, string> = {
  'sms.http': '短信网关 (HTTP)',
  'sms.aliyun': '阿里云短信',
  'sms.tencent': '腾讯云短信',
  'email.smtp': '邮件 (SMTP)',
  'wecom.robot': '企业微信群机器人',
  'wecom.app': '企业微信应用',
  'wechat.template': '公众号模板消息',
  'call.http': '外呼 (HTTP)',
  webhook: 'Webhook',
}

describe('built-in channel kinds ship zh-CN', () => {
  it('finds every built-in kind', async () => {
    const kinds = (await Promise.all(packages.map(kindsOf))).flat().map((k) => k.kind)
    expect(kinds.sort()).toEqual(Object.keys(TITLES).sort())
  })

  it.each(packages)('channels/%s: translates its title, description and every config field', async (pkg) => {
    for (const kind of await kindsOf(pkg)) {
      expect({ kind: kind.kind, problems: checkChannelDefinition(kind) }).toEqual({ kind: kind.kind, problems: [] })
      expect({ kind: kind.kind, missing: untranslated({ ...kind, ports: [] }, 'zh-CN') }).toEqual({ kind: kind.kind, missing: [] })
      expect(kind.i18n!['zh-CN'].title).toBe(TITLES[kind.kind])
      // Help in Chinese, not the English copied over.
      for (const [path, field] of Object.entries(kind.i18n!['zh-CN'].fields ?? {}))
        if (field.description) expect(field.description, `${kind.kind} ${path}`).toMatch(/[\u4e00-\u9fff]/)
    }
  })
})

describe('defineChannel checks i18n at load', () => {
  const base = {
    kind: 'sms.example',
    carries: 'sms',
    title: 'Example SMS',
    config: Type.Object({ url: Type.String(), mode: Type.Union([Type.Literal('fast'), Type.Literal('safe')]) }),
    secret: [],
    destinations: () => [],
    send: async () => ({ status: 'sent' as const }),
  }

  it('accepts a translation of the kind and its fields', () => {
    expect(() => defineChannel({ ...base, i18n: { 'zh-CN': { title: '示例短信', fields: { url: { title: '地址' }, mode: { enum: { fast: '快速' } } } } } })).not.toThrow()
  })

  it('refuses a field the config lacks, an enum value it does not take, a port and a missing title, all at once', () => {
    const problems = checkChannelDefinition({
      ...base,
      i18n: { 'zh-CN': { title: '', fields: { host: { title: '主机' }, mode: { enum: { slow: '慢' } } }, ports: { out: '出口' } } },
    })
    expect(problems).toEqual([
      'i18n.zh-CN.title is required',
      'i18n.zh-CN.fields.host: the config has no field at this path',
      'i18n.zh-CN.fields.mode.enum.slow: not a value of the field (fast, safe)',
      'i18n.zh-CN.ports: a channel kind has no ports',
    ])
    expect(() => defineChannel({ ...base, i18n: { zh: { title: '示例', fields: { host: {} } } } })).toThrow(/i18n\.zh\.fields\.host: the config has no field/)
  })
})
