// A message template in the editor: the variable menu offers the attributes contacts have and
// the coupon's code, the preview takes a contact and an event of the journey's own trigger, a
// variable with no value is flagged instead of left blank, and a Liquid mistake reads as a sentence.
import { describe, expect, it } from 'vitest'
import type { E2EBrowser } from '../support/e2e-browser.ts'
import { canvasOf } from '../support/e2e-canvas.ts'
import type { KairosProcess } from '../support/e2e-kairos-process.ts'
import { browserSession } from '../support/e2e-session.ts'

let kairos: KairosProcess
let browser: E2EBrowser
const ready = browserSession((started) => ({ browser, kairos } = started))

describe('writing a message template', () => {
  it('offers the variables contacts have, previews the trigger’s event and flags what is missing', { timeout: 90_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    await kairos.api('PUT', '/api/contacts/tpl-mei', { attributes: { name: 'Mei', subscription_end: '2027-01-31' } })
    await kairos.api('PUT', '/api/contacts/tpl-bo', { attributes: { name: 'Bo', tier: 'premium' } })
    await kairos.api('POST', '/api/events', { contact: 'tpl-mei', name: 'renewal_due', properties: { plan: 'yearly' } })
    await kairos.api('POST', '/api/events', { contact: 'tpl-mei', name: 'page_viewed', properties: { url: '/x' } })
    const created = await kairos.api('POST', '/api/flows', {
      name: 'Template check',
      graph: {
        nodes: [
          { id: 'due', type: 'trigger.event', config: { event: 'renewal_due' }, position: { x: 0, y: 0 } },
          { id: 'sms', type: 'send.sms', config: { text: '' }, position: { x: 0, y: 200 } },
        ],
        edges: [{ source: 'due', target: 'sms' }],
      },
    })
    await page.goto(`${kairos.url}/#/flows/${created.body.id}`)
    await ui.select('sms')
    const field = ui.field('config.text')
    await field.getByTestId('preview-contact').fill('tpl-mei')

    // The menu: tier comes from another contact, the coupon's code is always there, plan from Mei's event.
    await field.getByTestId('insert-variable').click()
    const snippets = await field.getByTestId('variable-menu').locator('[role=menuitem]').evaluateAll((els) => els.map((e) => e.getAttribute('data-snippet')))
    expect(snippets).toEqual(expect.arrayContaining(['{{ contact.tier }}', '{{ contact.subscription_end }}', '{{ coupon.code }}', '{{ event.properties.plan }}']))
    expect(snippets).not.toContain('{{ event.properties.url }}')
    await field.locator('[data-snippet="{{ contact.tier }}"]').click()

    // The preview's event is Mei's renewal_due, not an arbitrary one; her missing tier is flagged.
    expect(await field.getByTestId('preview-event').locator('option:checked').innerText()).toContain('tpl-mei')
    await field.getByTestId('template-input').fill('{{ contact.name }}: {{ event.properties.plan }} {{ contact.tier }} {{ coupon.code }}')
    await expect.poll(() => field.getByTestId('template-missing').innerText()).toBe('⚠ No value for contact.tier, coupon.code: the message shows nothing there for this contact.')
    expect(await field.getByTestId('template-preview').innerText()).toContain('Mei: yearly')

    // A Liquid mistake: a sentence, and "Show where" selects the place in the text.
    await field.getByTestId('template-input').fill('Hi {{ contact.name default: "there" }}')
    await expect.poll(() => field.getByTestId('template-error').innerText()).toMatch(/^⚠ The template has a mistake at line 1, character \d+: a filter needs a “\|” before its name/)
    await field.getByTestId('show-mistake').click()
    const selected = await field.getByTestId('template-input').evaluate((el) => { const area = el as unknown as { selectionStart: number; selectionEnd: number }; return [area.selectionStart, area.selectionEnd] })
    expect(selected[1] - selected[0]).toBe(1)
  })
})
