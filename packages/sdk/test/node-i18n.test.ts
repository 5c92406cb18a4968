import { describe, expect, it } from 'vitest'
import { Type } from 'typebox'
import { checkNodeDefinition } from '../src/define-node.ts'
import { nodeFieldPaths, untranslated } from '../src/node-i18n.ts'
import { ConditionSchema } from '../src/conditions/index.ts'
import { goTo } from '../src/results.ts'

const config = Type.Object({
  event: Type.String({ description: 'The event name' }),
  repeat: Type.Union([Type.Literal('once'), Type.Literal('yearly')]),
  task: Type.Optional(Type.Object({ due: Type.String() })),
  branches: Type.Array(Type.Object({ port: Type.String(), when: ConditionSchema })),
})
const node = (i18n: unknown) => ({ type: 'demo', version: 1, title: 'Demo', category: 'logic', description: 'A demo', config, ports: ['next', 'timeout'], run: () => goTo('next'), i18n })
const complete = {
  'zh-CN': {
    title: '演示',
    description: '一个演示',
    fields: {
      event: { title: '事件', description: '事件名称' },
      repeat: { title: '重复', enum: { once: '仅一次', yearly: '每年' } },
      task: { title: '任务' },
      'task.due': { title: '截止' },
      branches: { title: '分支' },
      'branches.port': { title: '出口' },
      'branches.when': { title: '条件', description: '何时走这条分支' },
    },
    ports: { next: '下一步', timeout: '超时' },
  },
}

describe('node translations', () => {
  it('lists field paths through nested objects and list items, not into a condition', () => {
    expect([...nodeFieldPaths(config).keys()]).toEqual(['event', 'repeat', 'task', 'task.due', 'branches', 'branches.port', 'branches.when'])
  })

  it('accepts a complete translation and finds nothing left out', () => {
    expect(checkNodeDefinition(node(complete))).toEqual([])
    expect(untranslated(node(complete) as never, 'zh-CN')).toEqual([])
  })

  it('names what a translation leaves out', () => {
    const partial = { 'zh-CN': { title: '演示', fields: { repeat: { title: '重复', enum: { once: '仅一次' } } }, ports: { next: '下一步' } } }
    expect(untranslated(node(partial) as never, 'zh-CN')).toEqual([
      'description', 'fields.event.title', 'fields.event.description', 'fields.repeat.enum.yearly', 'fields.task.title', 'fields.task.due.title',
      'fields.branches.title', 'fields.branches.port.title', 'fields.branches.when.title', 'fields.branches.when.description', 'ports.timeout',
    ])
    expect(untranslated(node(undefined) as never, 'zh-CN')).toEqual(['title'])
  })

  it('refuses a field, an enum value or a port the node does not have, and a missing title', () => {
    const wrong = { 'zh-CN': { fields: { evnet: { title: '事件' }, repeat: { enum: { daily: '每天' } }, event: { enum: { a: 'b' } } }, ports: { late: '迟到' }, keywords: 'x' }, chinese: { title: '演示' } }
    expect(checkNodeDefinition(node(wrong))).toEqual([
      'i18n.zh-CN.title is required',
      'i18n.zh-CN.keywords is not a part of a node\'s translation (title, description, fields, ports)',
      'i18n.zh-CN.fields.evnet: the config has no field at this path',
      'i18n.zh-CN.fields.repeat.enum.daily: not a value of the field (once, yearly)',
      'i18n.zh-CN.fields.event.enum: the field is not a choice of values',
      'i18n.zh-CN.ports.late: the node has no port "late" (next, timeout)',
      'i18n.chinese: "chinese" is not a language tag such as "zh-CN"',
    ])
    expect(checkNodeDefinition(node('中文'))).toEqual(['i18n must be an object keyed by language, e.g. { "zh-CN": { title } }'])
  })

  it('lets a node whose ports come from its config name any port', () => {
    const dynamic = { ...node({ 'zh-CN': { title: '演示', ports: { yes: '是', no: '否' } } }), ports: () => ['yes'] }
    expect(checkNodeDefinition(dynamic)).toEqual([])
  })
})
