// The editor end to end, as an operator uses it: Kairos started like `pnpm start` (editor
// built, server in its own process, real time), Debian's Chromium driving the page. It builds
// the cart-abandonment journey from the palette, configures every step through its form,
// publishes, sends events through the API and watches the counters move without a reload;
// then publishes a broken journey and finds each problem on the right step.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { REPO_ROOT } from '@kairos/server'
import { describe, expect, it } from 'vitest'
import type { E2EBrowser } from '../support/e2e-browser.ts'
import { canvasOf } from '../support/e2e-canvas.ts'
import type { KairosProcess } from '../support/e2e-kairos-process.ts'
import { browserSession } from '../support/e2e-session.ts'

let kairos: KairosProcess
let browser: E2EBrowser
// KAIROS_SCREENSHOTS=docs/images regenerates the README's pictures from this very journey.
const shots = process.env.KAIROS_SCREENSHOTS
const shoot = async (name: string) => {
  if (!shots) return
  // Drags scrolled the palette to its last items; a picture starts at the top, as a person would.
  await browser.page.getByTestId('palette').evaluate((el) => el.scrollTo(0, 0))
  await browser.page.screenshot({ path: join(shots, name) })
}

const ready = browserSession((started) => ({ browser, kairos } = started))

describe('the journey editor in a browser', () => {
  it('builds, publishes and watches the cart-abandonment journey live', { timeout: 240_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    await kairos.api('PUT', '/api/contacts/e2e-ada', { attributes: { name: 'Ada', phone: '+8613800000001' }, tags: ['vip'] })

    await page.goto(`${kairos.url}/#/flows`)
    await page.getByTestId('new-flow').click()
    await page.getByTestId('flow-name').fill('Cart abandonment (e2e)')
    await page.getByTestId('flow-name').press('Enter')

    // Zoomed out a little: steps have one fixed height, counters included, and eight of them in a
    // column fit on this screen only at about 60%.
    for (let i = 0; i < 3; i++) await page.locator('.vue-flow__controls-zoomout').click()
    // Every step from the palette by drag and drop, each configured through its form as it lands.
    const cart = await ui.drop('trigger.event', { x: 330, y: 40 })
    await page.getByTestId('node-label').fill('Cart added')
    await ui.field('config.event').locator('input').fill('cart_added')

    const wait = await ui.drop('wait', { x: 330, y: 135 })
    await page.getByTestId('node-label').fill('Wait a moment')
    await ui.field('config.for').getByLabel('Amount').fill('1')
    await ui.field('config.for').getByLabel('Unit').selectOption('s')

    const paid = await ui.drop('branch', { x: 330, y: 230 })
    await page.getByTestId('node-label').fill('Paid already?')
    await expect.poll(() => ui.field('config.branches[0].port').locator('input').inputValue()).toBe('yes')
    await ui.field('config.branches[0].when').getByTestId('add-event').click()
    await ui.field('config.branches[0].when').getByTestId('condition-event').fill('order_placed')
    await expect.poll(() => ui.field('config.otherwise').locator('input').inputValue()).toBe('no')

    const done = await ui.drop('exit', { x: 110, y: 340 })
    await page.getByTestId('node-label').fill('Bought: end')
    await ui.field('config.reason').locator('input').fill('ordered before the reminder')

    const reminder = await ui.drop('send.sms', { x: 420, y: 340 })
    await page.getByTestId('node-label').fill('Reminder SMS')
    await ui.field('config.text').getByTestId('template-input').fill('Hi {{ contact.name | default: "there" }}, your {{ event.properties.sku }} is still in your cart.')
    // No cart_added event has happened yet: the preview takes properties typed in.
    await ui.field('config.text').getByTestId('preview-properties').fill('{ "sku": "TEA-01" }')
    // The live preview renders the template for a real contact.
    await expect.poll(() => ui.field('config.text').getByTestId('template-preview').innerText()).toContain('Hi Ada, your TEA-01 is still in your cart.')

    const ordered = await ui.drop('wait.event', { x: 420, y: 440 })
    await page.getByTestId('node-label').fill('Ordered?')
    await ui.field('config.event').locator('input').fill('order_placed')
    await ui.field('config.timeout').getByLabel('Amount').fill('10')
    await ui.field('config.timeout').getByLabel('Unit').selectOption('m')

    const recovered = await ui.drop('tag', { x: 190, y: 550 })
    await page.getByTestId('node-label').fill('Tag recovered')
    await ui.field('config.add').locator('input').fill('cart-recovered')
    await ui.field('config.add').locator('input').press('Enter')

    const abandoned = await ui.drop('tag', { x: 440, y: 550 })
    await page.getByTestId('node-label').fill('Tag abandoned')
    await ui.field('config.add').locator('input').fill('cart-abandoned')
    await ui.field('config.add').locator('input').press('Enter')

    // The branch shows its ports by name, read from its config.
    await expect.poll(() => ui.node(paid).locator('.port-label').allInnerTexts()).toEqual(['yes', 'no'])

    await ui.connect(cart, 'next', wait)
    await ui.connect(wait, 'next', paid)
    await ui.connect(paid, 'yes', done)
    await ui.connect(paid, 'no', reminder)
    await ui.connect(reminder, 'next', ordered)
    await ui.connect(ordered, 'received', recovered)
    await ui.connect(ordered, 'timeout', abandoned)

    // The draft autosaves; the server holds exactly what was drawn.
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved')
    const flowId = decodeURIComponent(new URL(page.url()).hash.split('/')[2])
    const draft = (await kairos.api('GET', `/api/flows/${flowId}`)).body
    expect(draft.graph.nodes.map((n: { type: string }) => n.type).sort()).toEqual(['branch', 'exit', 'send.sms', 'tag', 'tag', 'trigger.event', 'wait', 'wait.event'])
    expect(draft.graph.nodes.find((n: { id: string }) => n.id === paid).config).toEqual({
      branches: [{ port: 'yes', when: { all: [{ event: 'order_placed', since: 'entry' }] } }],
      otherwise: 'no',
    })
    expect(draft.graph.edges).toHaveLength(7)

    // Publish: the server records the signed-in person in the version history. The SMS reads
    // {{ event.properties.sku }} and no cart_added event has come in yet: a warning to acknowledge first.
    await page.getByTestId('publish').click()
    await expect.poll(() => page.getByTestId('publish-warning').allInnerTexts()).toEqual([expect.stringMatching(/ › .+ uses \{\{ event\.properties\.sku \}\}, which no recent “cart_added” event carries$/)])
    expect(await page.getByTestId('publish-confirm').isDisabled()).toBe(true)
    await page.getByTestId('publish-acknowledge').check()
    await page.getByTestId('publish-confirm').click()
    await expect.poll(() => page.getByTestId('flow-status').getAttribute('data-status')).toBe('active')
    const versions = (await kairos.api('GET', `/api/flows/${flowId}/versions`)).body.versions
    expect(versions[0]).toMatchObject({ version: 1 })
    const publishedBy: string = versions[0].publishedBy
    expect(publishedBy).toContain(kairos.admin!.email)

    // Events through the API; the canvas follows over the websocket, with no reload.
    await page.evaluate(() => ((globalThis as unknown as { e2eMarker: boolean }).e2eMarker = true))
    expect((await kairos.api('POST', '/api/events', { contact: 'e2e-ada', name: 'cart_added', properties: { sku: 'TEA-01' } })).status).toBe(202)
    await expect.poll(() => ui.counter(cart, 'entered'), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => ui.counter(reminder, 'entered'), { timeout: 15_000 }).toBe(1)
    await expect.poll(() => ui.counter(ordered, 'waiting'), { timeout: 10_000 }).toBe(1)
    expect(await ui.counter(wait, 'entered')).toBe(1)
    expect(await ui.counter(done, 'entered')).toBe(0)
    await expect.poll(() => page.locator(`[data-testid=edge-traffic][data-edge="${paid}:no"]`).innerText()).toBe('1')
    if (shots) {
      await page.getByTestId('tab-journey').click()
      await page.getByRole('button', { name: 'Fit' }).click()
      await expect.poll(() => page.getByTestId('published-banner').count(), { timeout: 10_000 }).toBe(0)
      await shoot('canvas-live-counters.png')
    }

    expect((await kairos.api('POST', '/api/events', { contact: 'e2e-ada', name: 'order_placed' })).status).toBe(202)
    await expect.poll(() => ui.counter(recovered, 'entered'), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => ui.counter(ordered, 'waiting')).toBe(0)
    expect(await ui.counter(abandoned, 'entered')).toBe(0)
    expect(await page.evaluate(() => (globalThis as unknown as { e2eMarker?: boolean }).e2eMarker)).toBe(true)

    // The run inspector: the contact's run, its path on the canvas and its steps.
    await page.getByTestId('tab-runs').click()
    await page.getByTestId('inspector-search').fill('e2e-ada')
    await page.getByTestId('contact-result').filter({ hasText: 'e2e-ada' }).click()
    await page.getByTestId('run-row').first().click()
    await expect.poll(() => page.getByTestId('run-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-node')))).toEqual([cart, wait, paid, reminder, ordered, recovered])
    await expect.poll(() => ui.node(recovered).getAttribute('class')).toMatch(/run-visited/)
    expect(await ui.node(done).getAttribute('class')).toMatch(/run-dimmed/)
    await shoot('run-inspector.png')

    await page.getByRole('button', { name: '← All runs' }).click()
    await ui.select(reminder)
    await expect.poll(() => ui.field('config.text').getByTestId('template-preview').innerText()).toContain('Hi Ada')
    await shoot('config-panel.png')
    await ui.select(paid)
    await shoot('condition-builder.png')
    // Version history says who published; a version opens read-only; pause and resume.
    await page.getByTestId('tab-history').click()
    await expect.poll(() => page.getByTestId('version').first().innerText()).toContain(`by ${publishedBy}`)
    await page.getByTestId('version').first().getByRole('button', { name: 'View' }).click()
    await expect.poll(() => page.getByTestId('viewing-banner').innerText()).toContain('read-only')
    expect(await page.locator('[data-testid=palette-item]').first().isDisabled()).toBe(true)
    await page.getByRole('button', { name: 'Back to the draft' }).click()
    // Pausing asks first and says what happens to the contacts inside.
    await page.getByTestId('pause-resume').click()
    expect(await page.getByTestId('confirm-dialog').innerText()).toContain('no new contact enters')
    await page.getByTestId('confirm-ok').click()
    await expect.poll(() => page.getByTestId('flow-status').getAttribute('data-status')).toBe('paused')
    await page.getByTestId('pause-resume').click()
    await expect.poll(() => page.getByTestId('flow-status').getAttribute('data-status')).toBe('active')
    expect(browser.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([])
  })

  it('exports a journey as JSON and imports it back as a new draft', { timeout: 60_000 }, async () => {
    ready()
    const { page } = browser
    await page.goto(`${kairos.url}/#/flows`)
    const graph = JSON.parse(await readFile(join(REPO_ROOT, 'tests', 'fixtures', 'cart-abandonment.flow.json'), 'utf8'))
    const file = { name: 'cart-abandonment.flow.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ kairos: 'flow', name: 'Shared cart journey', graph })) }
    await page.getByTestId('import-file').setInputFiles(file)
    await expect.poll(() => page.getByTestId('canvas-node').count()).toBe(graph.nodes.length)
    expect(await page.getByTestId('flow-name').inputValue()).toBe('Shared cart journey (imported)')
    expect(await page.getByTestId('flow-status').getAttribute('data-status')).toBe('draft')

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()])
    expect(download.suggestedFilename()).toBe('shared-cart-journey-imported.flow.json')
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8'))
    expect(exported.graph.nodes.map((n: { id: string }) => n.id)).toEqual(graph.nodes.map((n: { id: string }) => n.id))
    expect(exported.graph.edges).toEqual(graph.edges)
  })

  it('shows why a journey cannot be published on the step at fault', { timeout: 120_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    await page.goto(`${kairos.url}/#/flows`)
    await page.getByTestId('new-flow').click()
    const trigger = await ui.drop('trigger.event', { x: 330, y: 120 }) // its event is left empty
    const wait = await ui.drop('wait', { x: 330, y: 280 }) // connected to nothing

    // Delete, undo and redo from the keyboard while we are here.
    await ui.select(wait)
    await page.keyboard.press('Delete')
    await expect.poll(() => page.getByTestId('canvas-node').count()).toBe(1)
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.getByTestId('canvas-node').count()).toBe(2)
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(() => page.getByTestId('canvas-node').count()).toBe(1)
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.getByTestId('canvas-node').count()).toBe(2)

    await page.getByTestId('publish').click()
    await expect.poll(() => page.getByTestId('publish-problems').innerText()).toMatch(/Not published: \d+ problems?/)
    // The list names steps and fields as the form does: no field paths, no ids in brackets.
    await page.getByTestId('toggle-problems').click()
    const list = await page.getByTestId('publish-problems').locator('li').allInnerTexts()
    expect(list.some((line) => line.startsWith('When an event happens: Event: '))).toBe(true)
    expect(list.join('\n')).not.toMatch(/config\.|\((id|config[^)]*)\)/)
    // The trigger with no event: red on the canvas, the message on the node and under the field.
    await expect.poll(() => ui.node(trigger).getAttribute('class')).toMatch(/invalid/)
    // The badge counts them; its tooltip names each by the field's label.
    expect(await ui.node(trigger).getByTestId('node-problems').getAttribute('title')).toMatch(/Event: /)
    await ui.select(trigger)
    await expect.poll(() => ui.field('config.event').getByTestId('field-problem').innerText()).toMatch(/⚠/)
    // The unreachable wait: its own problem, on its own node.
    expect(await ui.node(wait).getAttribute('class')).toMatch(/invalid/)
    expect(await ui.node(wait).getByTestId('node-problems').getAttribute('title')).toMatch(/no trigger leads to this node/)
    expect(await page.getByTestId('flow-status').getAttribute('data-status')).toBe('draft')
  })
})

