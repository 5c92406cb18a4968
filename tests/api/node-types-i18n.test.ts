// GET /api/node-types carries each node type's own translations, as its definition ships them:
// the core nodes' zh-CN, a plugin's, and nothing (an empty object) for a plugin without any. A
// plugin whose translations name a field its config lacks fails at load, with the reason.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'

async function writePlugin(dir: string, name: string, source: string) {
  await mkdir(join(dir, name), { recursive: true })
  await writeFile(join(dir, name, 'package.json'), JSON.stringify({ name, type: 'module', kairos: { nodes: ['./index.js'] } }))
  await writeFile(join(dir, name, 'index.js'), source)
}

const node = (type: string, i18n: string) => `export default {
  type: '${type}', version: 1, title: 'Add to lead score', category: 'action', ports: ['next'],
  config: { type: 'object', properties: { points: { type: 'integer', description: 'Points to add' } }, additionalProperties: false },
  run: () => ({ kind: 'port', port: 'next' }),
  ${i18n}
}`

describe('node types in other languages', () => {
  let dir: string
  let kairos: TestKairos

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kairos-i18n-plugins-'))
    await writePlugin(dir, 'kairos-node-score', node('score.add', `i18n: { 'zh-CN': { title: '加线索分', fields: { points: { title: '分数', description: '要加的分数' } }, ports: { next: '下一步' } } },`))
    await writePlugin(dir, 'kairos-node-plain', node('score.plain', ''))
    await writePlugin(dir, 'kairos-node-typo', node('score.typo', `i18n: { 'zh-CN': { title: '加分', fields: { pionts: { title: '分数' } } } },`))
    kairos = await startTestKairos({ pluginDirs: [dir], worker: false })
  })
  afterAll(async () => {
    await kairos?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it("returns a core node's zh-CN title, fields, enum labels and ports", async () => {
    const { status, body } = await kairos.api('GET', '/api/node-types')
    expect(status).toBe(200)
    const date = body.nodeTypes.find((n: any) => n.type === 'trigger.date')
    expect(date.title).toBe('On a date')
    expect(date.i18n['zh-CN']).toMatchObject({
      title: '日期触发',
      fields: { repeat: { title: '重复', enum: { once: '仅一次', yearly: '每年' } } },
      ports: { next: '下一步' },
    })
    const call = body.nodeTypes.filter((n: any) => n.type === 'call').map((n: any) => [n.version, n.i18n['zh-CN'].ports.suppressed ?? null])
    expect(call).toEqual(expect.arrayContaining([[1, null], [2, '已拦截']]))
  })

  it("returns a plugin's own translations, and an empty object for one that ships none", async () => {
    const { body } = await kairos.api('GET', '/api/node-types')
    const byType = Object.fromEntries(body.nodeTypes.map((n: any) => [n.type, n]))
    expect(byType['score.add'].i18n).toEqual({ 'zh-CN': { title: '加线索分', fields: { points: { title: '分数', description: '要加的分数' } }, ports: { next: '下一步' } } })
    expect(byType['score.plain'].i18n).toEqual({})
  })

  it('refuses at load a translation naming a field the config does not have', async () => {
    const { body } = await kairos.api('GET', '/api/plugins')
    const typo = body.plugins.find((p: any) => p.package === 'kairos-node-typo')
    expect(typo).toMatchObject({ status: 'failed', error: expect.stringContaining('i18n.zh-CN.fields.pionts: the config has no field at this path') })
    expect((await kairos.api('GET', '/api/node-types')).body.nodeTypes.some((n: any) => n.type === 'score.typo')).toBe(false)
  })
})
