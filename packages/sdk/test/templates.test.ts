import { describe, expect, it } from 'vitest'
import { renderTemplate, templateScope, validateTemplate } from '../src/templates.ts'

const contact = { id: 'c1', externalId: 'crm-7', attributes: { name: 'Ana', city: 'Suzhou' }, tags: ['vip'], ownerId: 'rep-2' }
const event = { id: 'e1', name: 'cart_added', properties: { sku: 'SHOE-42' }, occurredAt: '2026-01-05T08:00:00Z' }
const run = { id: 'r1', flowId: 'f1' }

describe('validateTemplate', () => {
  it('accepts a template that parses', () => {
    expect(validateTemplate('Hi {{ contact.name | default: "there" }}', 'config.text')).toEqual([])
  })

  it('refuses an unclosed output, naming the field', () => {
    const [problem, ...rest] = validateTemplate('Hi {{ contact.name', 'config.text')
    expect(rest).toEqual([])
    expect(problem.field).toBe('config.text')
    expect(problem.message).toMatch(/^template does not parse: .*not closed/)
  })

  it('refuses an unclosed tag', () => {
    expect(validateTemplate('{% if contact.vip %}VIP', 'config.text')[0].message).toMatch(/not closed/)
  })

  it('refuses an unknown filter', () => {
    expect(validateTemplate('{{ contact.name | shout }}', 'config.text')[0].message).toMatch(/undefined filter: shout/)
  })

  it('refuses a value that is not text', () => {
    expect(validateTemplate(42, 'config.text')).toEqual([{ field: 'config.text', message: 'must be a text template' }])
  })
})

describe('renderTemplate', () => {
  it('renders variables and filters', async () => {
    expect(await renderTemplate('{{ greeting | upcase }}, {{ who }}!', { greeting: 'hi', who: 'Ana' })).toBe('HI, Ana!')
  })

  it('renders a missing variable as empty and takes defaults', async () => {
    expect(await renderTemplate('Hi {{ name | default: "there" }}{{ nothing.here }}', {})).toBe('Hi there')
  })

  it('renders the same template again with another scope', async () => {
    const source = 'Code {{ coupon.code }}'
    expect(await renderTemplate(source, { coupon: { code: 'A' } })).toBe('Code A')
    expect(await renderTemplate(source, { coupon: { code: 'B' } })).toBe('Code B')
  })

  it('rejects a template that does not parse', async () => {
    await expect(renderTemplate('{{ oops', {})).rejects.toThrow(/not closed/)
  })
})

describe('templateScope', () => {
  it('puts contact attributes, event and run in scope', async () => {
    const scope = templateScope(contact, event, run, { coupon: { code: 'SAVE10' } })
    const text = await renderTemplate(
      '{{ contact.name }} {{ contact.externalId }} {{ contact.tags | join: "," }} {{ event.properties.sku }} {{ run.flowId }} {{ coupon.code }}',
      scope,
    )
    expect(text).toBe('Ana crm-7 vip SHOE-42 f1 SAVE10')
  })

  it('lets the contact id win over an attribute named id', () => {
    const scope = templateScope({ ...contact, attributes: { id: 'spoof' } }, undefined, run)
    expect((scope.contact as { id: string }).id).toBe('c1')
  })

  it('sets event to null when no event started the run', () => {
    expect(templateScope(contact, undefined, run).event).toBeNull()
  })
})
