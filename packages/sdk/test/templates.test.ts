import { Liquid } from 'liquidjs'
import { describe, expect, it } from 'vitest'
import { FILE_TAGS, renderTemplate, TEMPLATE_LIMITS, TemplateLimitError, templateScope, validateTemplate } from '../src/templates.ts'

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

describe('file tags', () => {
  it.each(FILE_TAGS)('refuses the %s tag at parse, naming it', (tag) => {
    const [problem] = validateTemplate(`Hi {% ${tag} 'package.json' %}`, 'config.text')
    expect(problem.field).toBe('config.text')
    expect(problem.message).toContain(`the "${tag}" tag is not allowed: templates cannot read files`)
  })

  it('refuses them inside a {% liquid %} block and with a relative path', async () => {
    expect(validateTemplate("{% liquid\n  include 'x'\n%}", 'f')[0].message).toMatch(/"include" tag is not allowed.*line:2/)
    await expect(renderTemplate("{% render '../../package.json' %}", {})).rejects.toThrow('the "render" tag is not allowed')
  })

  it('lists exactly the tags that read files', () => {
    expect([...FILE_TAGS]).toEqual(['include', 'render', 'layout'])
  })
})

// Every limit error is a TemplateLimitError whose message names the limit and its value.
async function limitOf(source: string, scope: Record<string, unknown> = {}): Promise<{ limit: string; message: string; ms: number }> {
  const started = performance.now()
  const error = await renderTemplate(source, scope).then(
    () => new Error('rendered'),
    (e: unknown) => e as Error,
  )
  if (!(error instanceof TemplateLimitError)) throw error
  return { limit: error.limit, message: error.message, ms: performance.now() - started }
}

/** The longest gap between turns of the event loop while `work` runs, in ms. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now()
  let longest = 0
  const tick = setInterval(() => {
    const now = performance.now()
    longest = Math.max(longest, now - last)
    last = now
  }, 1)
  try {
    await work()
  } finally {
    clearInterval(tick)
  }
  return Math.max(longest, performance.now() - last)
}

// 100 one-character items, so a few nested loops over it run for ever without a range to allocate.
const hundred = `{% assign a = "${'x'.repeat(100)}" | split: "" %}`
const runaway = `${hundred}{% for i in a %}{% for j in a %}{% for k in a %}{% for l in a %}{{ l }}{% endfor %}{% endfor %}{% endfor %}{% endfor %}`

describe('template limits', () => {
  it('refuses a template longer than the size limit at parse', () => {
    expect(validateTemplate('x'.repeat(TEMPLATE_LIMITS.parseCharacters), 'config.text')).toEqual([])
    expect(validateTemplate('x'.repeat(TEMPLATE_LIMITS.parseCharacters + 1), 'config.text')).toEqual([
      { field: 'config.text', message: 'template exceeded the size limit (100000 characters)' },
    ])
  })

  it('fails a hundred-million range at once on the memory limit, before allocating it', async () => {
    const failed = await limitOf('{% for i in (1..100000000) %}x{% endfor %}')
    expect(failed).toMatchObject({ limit: 'memory', message: 'template exceeded the memory limit (1000000 values and characters allocated)' })
    expect(failed.ms).toBeLessThan(100)
  })

  it('fails a runaway loop on the render time limit, giving the event loop turns meanwhile', async () => {
    let failed: Awaited<ReturnType<typeof limitOf>> | undefined
    const stall = await longestStall(async () => (failed = await limitOf(runaway)))
    expect(failed).toMatchObject({ limit: 'render', message: 'template exceeded the render time limit (1000 ms)' })
    expect(failed!.ms).toBeGreaterThanOrEqual(TEMPLATE_LIMITS.renderMs - 5)
    expect(failed!.ms).toBeLessThan(TEMPLATE_LIMITS.renderMs + 300)
    expect(stall).toBeLessThan(250)
  })

  it('stops an empty loop body too', async () => {
    const empty = `${hundred}{% for i in a %}{% for j in a %}{% for k in a %}{% for l in a %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}`
    expect((await limitOf(empty)).limit).toBe('render')
  })

  it('stops, and takes turns inside, one filter walking a large array from the scope', async () => {
    // Scope data is not charged to the memory limit, and one where_exp over 600,000 items runs past a second.
    const scope = { items: new Array(600_000).fill(3) }
    let failed: Awaited<ReturnType<typeof limitOf>> | undefined
    const stall = await longestStall(async () => (failed = await limitOf('{{ items | where_exp: "x", "x == 3" | size }}', scope)))
    expect(failed?.limit).toBe('render')
    expect(failed!.ms).toBeLessThan(TEMPLATE_LIMITS.renderMs + 300)
    expect(stall).toBeLessThan(250)
  })

  it('bounds the output, and what a capture collects', async () => {
    expect(await limitOf('{% for i in (1..2000) %}{{ chunk }}{% endfor %}', { chunk: 'x'.repeat(1000) })).toMatchObject({
      limit: 'output',
      message: 'template exceeded the output limit (1000000 characters)',
    })
    expect((await limitOf(`{% capture c %}{% for i in (1..2000) %}${'x'.repeat(1000)}{% endfor %}{% endcapture %}ok`)).limit).toBe('output')
    const big = 'y'.repeat(TEMPLATE_LIMITS.outputCharacters)
    expect((await limitOf('{{ big }}{{ big }}', { big })).limit).toBe('output')
    expect((await renderTemplate('{{ big }}', { big })).length).toBe(TEMPLATE_LIMITS.outputCharacters)
  })

  it('fails string doubling on the memory limit', async () => {
    expect((await limitOf('{% assign s = "xxxxxxxxxx" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}')).limit).toBe('memory')
  })

  it('renders values as liquidjs does', async () => {
    const source = '{{ list }}|{{ n }}|{{ none }}|{{ yes }}|{% capture c %}{{ list }}{% endcapture %}{{ c }}|{% for i in (1..3) %}{{ i }}{% endfor %}|{{ list | where_exp: "x", "x == 1" | size }}'
    const scope = { list: [1, [2, 3], 'x'], n: 4.5, none: null, yes: true }
    const plain = await new Liquid().parseAndRender(source, scope)
    expect(await renderTemplate(source, scope)).toBe(plain)
    expect(plain).toBe('123x|4.5||true|123x|123|1')
  })

  it('keeps other renders going while one runs away', async () => {
    let slowDone = false
    const slow = limitOf(runaway).finally(() => (slowDone = true))
    await new Promise((resolve) => setTimeout(resolve, 50))
    const started = performance.now()
    expect(await renderTemplate('Hi {{ name }}', { name: 'Ana' })).toBe('Hi Ana')
    expect(performance.now() - started).toBeLessThan(250)
    expect(slowDone).toBe(false)
    expect((await slow).limit).toBe('render')
  })
})
