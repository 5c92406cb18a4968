import { describe, expect, it } from 'vitest'
import { checkChannelDefinition, numberedParams, templateOf, templateProblems, Type } from '../src/index.ts'

const message = (data: Record<string, unknown> | null) => ({ id: 'd1', channel: 'sms', to: '13800138000', body: '', subject: null, html: null, data })
const kind = { kind: 'sms.x', carries: 'sms', title: 'X', config: Type.Object({}), secret: [], destinations: () => [], send: async () => ({ status: 'sent' as const }) }

describe('template-only channel kinds', () => {
  it('declare how they name parameters, checked at load', () => {
    expect(checkChannelDefinition({ ...kind, template: { params: 'named', codePattern: '^SMS_\\d+$' } })).toEqual([])
    expect(checkChannelDefinition({ ...kind, template: { params: 'positional' } })).toEqual(['template must be an object whose params is "named" or "numbered"'])
    expect(checkChannelDefinition({ ...kind, template: { params: 'named', codePattern: '(' } })).toEqual(['template.codePattern must be a regular expression'])
    expect(checkChannelDefinition({ ...kind, receipt: { parse: () => [], reply: 'ok' } })).toEqual(['receipt.reply must be an object of the fields the provider expects in the answer'])
  })

  it('read the template a message carries, and fail a message without one for good', () => {
    expect(templateOf(message({ template: { code: 'SMS_1', params: { a: 'x' } } }), 'sms.x')).toEqual({ code: 'SMS_1', params: { a: 'x' } })
    for (const data of [null, {}, { template: { code: '', params: {} } }, { template: { code: 'SMS_1', params: { a: 1 } } }])
      expect(() => templateOf(message(data), 'sms.x')).toThrow(expect.objectContaining({ retry: false, message: expect.stringContaining('sends approved templates only') }))
  })

  it('send numbered parameters in their order, refusing names and gaps', () => {
    expect(numberedParams({ '2': 'b', '10': 'j', '1': 'a', '3': 'c', '4': 'd', '5': 'e', '6': 'f', '7': 'g', '8': 'h', '9': 'i' }, 'sms.x')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'])
    expect(() => numberedParams({ name: 'a' }, 'sms.x')).toThrow('"name" is not a number')
    expect(() => numberedParams({ '1': 'a', '3': 'c' }, 'sms.x')).toThrow('{2} is missing')
  })

  it('give publishing a problem per field: a template missing, a code of the wrong form, a template for a text channel', () => {
    const use = (template: unknown) => ({ kind: 'sms.x', channel: 'main', field: 'config.template', template })
    const rule = { params: 'numbered' as const, codePattern: '^\\d+$', codeExample: '1110' }
    expect(templateProblems(rule, use(undefined))).toEqual([{ field: 'config.template', message: expect.stringContaining('sends only templates the provider approved') }])
    expect(templateProblems(rule, use({ code: 'SMS_1', params: { '1': 'a' } }))).toEqual([{ field: 'config.template.code', message: '"SMS_1" is not a sms.x template code (they look like 1110)' }])
    expect(templateProblems(rule, use({ code: '', params: {} }))).toEqual([{ field: 'config.template.code', message: expect.stringContaining('the template code is missing') }])
    expect(templateProblems(rule, use({ code: '1110', params: { '1': 'a', '2': 'b' } }))).toEqual([])
    expect(templateProblems(undefined, use({ code: '1', params: {} }))).toEqual([{ field: 'config.template', message: expect.stringContaining('sends free text, not provider templates') }])
    expect(templateProblems(undefined, use(undefined))).toEqual([])
  })
})
