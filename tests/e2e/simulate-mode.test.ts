// The editor's Simulate mode end to end (issue 11): the demo cart journey as a draft, two stored
// contacts and one test contact in another timezone, a cart for everyone and an order for one,
// three days. The canvas shows the simulation's counters (equal to what the API answers for the
// same request), the messages list their rendered text, a contact's timeline opens and lights
// its path up; a bad input is named by its field; Chinese is checked too. Nothing was written:
// the contacts have no runs, the outbox is empty, the test contact was never stored.
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
// KAIROS_SCREENSHOTS=docs/images regenerates docs/images/simulate-*.png from this test.
const shots = process.env.KAIROS_SCREENSHOTS
const shoot = async (name: string) => {
  if (shots) await browser.page.screenshot({ path: join(shots, name) })
}
const ready = browserSession((started) => ({ browser, kairos } = started), { timezoneId: 'Europe/Berlin' })

interface StepTotal {
  node: string
  contacts: number
  waiting: number
}

describe('Simulate mode in the journey editor', () => {
  it('simulates the cart journey from the canvas and writes nothing', { timeout: 240_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    await page.setViewportSize({ width: 1500, height: 940 })
    await kairos.api('PUT', '/api/contacts/sim-mei', { attributes: { name: 'Mei', phone: '+8613800000001', timezone: 'Asia/Shanghai' } })
    await kairos.api('PUT', '/api/contacts/sim-otto', { attributes: { name: 'Otto', phone: '+4915100000002', timezone: 'Europe/Berlin' } })
    const graph = JSON.parse(await readFile(join(REPO_ROOT, 'tests/fixtures/cart-abandonment.flow.json'), 'utf8'))
    const created = await kairos.api('POST', '/api/flows', { name: 'Cart abandonment (simulated)', graph })
    expect(created.status).toBe(201)
    const flowId = created.body.id as string

    await page.goto(`${kairos.url}/#/flows/${flowId}`)
    await page.getByTestId('simulate').click()
    await expect.poll(() => page.getByTestId('simulation-banner').isVisible()).toBe(true)
    expect(await page.getByTestId('simulate-notice').innerText()).toContain('A simulation sends nothing and changes nothing')
    // In the mode every step shows the simulation's strip, never the live one.
    expect(await page.getByTestId('sim-counters').count()).toBe(8)
    expect(await page.getByTestId('counter-entered').count()).toBe(0)

    // Two stored contacts found by search, one test contact in New York.
    for (const name of ['Mei', 'Otto']) {
      await page.getByTestId('sim-contact-search').fill(name)
      await page.getByTestId('sim-contact-result').first().click()
    }
    expect(await page.getByTestId('sim-contact-chip').allInnerTexts()).toEqual([expect.stringContaining('sim-mei'), expect.stringContaining('sim-otto')])
    await page.getByTestId('sim-inline-add').click()
    await page.getByTestId('sim-inline-name').fill('lina')
    await page.getByTestId('sim-attr-value').nth(0).fill('America/New_York')
    await page.getByTestId('sim-attr-value').nth(1).fill('+15550000003')

    // A cart for everyone at the start, an order for Mei ten minutes later (first mistyped: +5d is past the horizon).
    await page.getByTestId('sim-event-add').click()
    await page.getByTestId('sim-event-at').nth(0).fill('+0m')
    await page.getByTestId('sim-event-name').nth(0).fill('cart_added')
    await page.getByTestId('sim-event-properties').nth(0).fill('{"sku": "running shoes"}')
    await page.getByTestId('sim-event-add').click()
    await page.getByTestId('sim-event-at').nth(1).fill('+5d')
    await page.getByTestId('sim-event-contact').nth(1).selectOption('sim-mei')
    await page.getByTestId('sim-event-name').nth(1).fill('order_placed')
    await page.getByTestId('sim-horizon').selectOption('3d')
    await page.getByTestId('sim-run').click()
    const problem = page.getByTestId('sim-problem')
    await expect.poll(() => problem.count()).toBe(1)
    expect(await problem.innerText()).toMatch(/^Event 2: time — must fall within the horizon/)
    expect(await page.getByTestId('sim-failure').innerText()).not.toContain('body.')

    await page.getByTestId('sim-event-at').nth(1).fill('+10m')
    if (process.env.KAIROS_E2E_DEBUG) await page.screenshot({ path: '/tmp/kairos-e2e-simulate-setup.png' })
    await page.getByTestId('sim-run').click()
    await expect.poll(() => page.getByTestId('sim-totals').isVisible(), { timeout: 30_000 }).toBe(true)
    expect(await page.getByTestId('sim-failure').count()).toBe(0)

    // The same request through the API: the canvas shows its counters step by step.
    const asked = await kairos.api('POST', `/api/flows/${flowId}/simulate`, {
      contacts: ['sim-mei', 'sim-otto', { externalId: 'lina', attributes: { timezone: 'America/New_York', phone: '+15550000003' } }],
      events: [
        { at: '+0m', contact: '*', name: 'cart_added', properties: { sku: 'running shoes' } },
        { at: '+10m', contact: 'sim-mei', name: 'order_placed' },
      ],
      horizon: '3d',
    })
    expect(asked.status).toBe(200)
    const steps = asked.body.totals.steps as StepTotal[]
    expect(steps.find((s) => s.node === 'reminder')?.contacts).toBe(2)
    expect(steps.find((s) => s.node === 'done')?.contacts).toBe(1)
    for (const step of steps) {
      const node = ui.node(step.node)
      expect({ node: step.node, passed: await node.getByTestId('sim-counter-passed').getAttribute('data-value'), waiting: await node.getByTestId('sim-counter-waiting').getAttribute('data-value') })
        .toEqual({ node: step.node, passed: String(step.contacts), waiting: String(step.waiting) })
    }
    expect(await page.getByTestId('sim-total-entered').innerText()).toBe(String(asked.body.totals.entered))
    expect(await page.getByTestId('sim-total-contacts').innerText()).toBe('3')

    // The messages that would go, with their text: Otto's and Lina's reminders (Mei had ordered).
    await page.getByTestId('sim-list-messages').click()
    const messages = page.getByTestId('sim-message')
    await expect.poll(() => messages.count()).toBe(2)
    expect(await messages.evaluateAll((els) => els.map((el) => el.getAttribute('data-contact')).sort())).toEqual(['lina', 'sim-otto'])
    const otto = page.locator('[data-testid=sim-message][data-contact=sim-otto]')
    expect(await otto.getByTestId('sim-message-text').innerText()).toBe('Hi Otto, your running shoes is still waiting for you. Complete your order: https://shop.example/cart')
    expect(await page.locator('[data-testid=sim-message][data-contact=lina]').getByTestId('sim-message-text').innerText()).toContain('Hi there, your running shoes')
    // Lina's time is on her own clock (New York) with UTC beside it.
    expect(await page.locator('[data-testid=sim-message][data-contact=lina]').getByTestId('sim-time').innerText()).toMatch(/(EST|EDT|GMT-[45]).*UTC/s)
    await shoot('simulate-en.png')

    // Otto's timeline: each step, his path lit on the canvas, Mei's exit step dimmed.
    await otto.getByTestId('sim-message-contact').click()
    const timeline = page.getByTestId('sim-timeline')
    await expect.poll(() => timeline.isVisible()).toBe(true)
    expect(await timeline.getAttribute('data-contact')).toBe('sim-otto')
    expect(await timeline.getByTestId('sim-step').evaluateAll((els) => els.map((el) => el.getAttribute('data-node')))).toEqual(['cart', 'wait30m', 'paid', 'reminder', 'ordered', 'abandoned'])
    expect(await ui.node('reminder').getAttribute('class')).toContain('run-visited')
    expect(await ui.node('done').getAttribute('class')).toContain('run-dimmed')

    // In Chinese, switched live: the results stay, the words change; Otto's timeline stays open.
    await page.getByTestId('user-menu').click()
    await page.getByTestId('locale-zh-CN').click()
    await expect.poll(() => page.getByTestId('simulation-banner').innerText()).toContain('模拟')
    expect(await page.getByTestId('simulate-notice').innerText()).toContain('模拟不会发送任何消息')
    expect(await ui.node('reminder').getByTestId('sim-counter-passed').innerText()).toContain('经过')
    expect(await timeline.innerText()).toContain('因 cart_added 进入')
    await shoot('simulate-zh-CN.png')
    await page.getByTestId('sim-timeline-close').click()
    expect(await page.getByTestId('sim-message').first().innerText()).toContain('将发送')
    await page.getByTestId('user-menu').click()
    await page.getByTestId('locale-en').click()

    // Leaving the mode clears the simulated counters: the canvas is live again.
    await page.getByTestId('simulation-leave').click()
    await expect.poll(() => page.getByTestId('sim-counters').count()).toBe(0)
    expect(await page.getByTestId('simulation-banner').count()).toBe(0)

    // Nothing was written: no runs for the contacts, an empty outbox, the test contact never stored.
    for (const contact of ['sim-mei', 'sim-otto']) expect((await kairos.api('GET', `/api/runs?contact=${contact}`)).body.runs).toEqual([])
    expect((await kairos.api('GET', '/api/deliveries')).body.deliveries).toEqual([])
    expect((await kairos.api('GET', '/api/contacts/lina')).status).toBe(404)
  })

  it('says in words why a draft that would not publish cannot be simulated', { timeout: 120_000 }, async () => {
    ready()
    const { page } = browser
    const graph = JSON.parse(await readFile(join(REPO_ROOT, 'tests/fixtures/cart-abandonment.flow.json'), 'utf8'))
    graph.nodes.find((n: { id: string }) => n.id === 'reminder').config.text = ''
    const created = await kairos.api('POST', '/api/flows', { name: 'Cart with an empty reminder', graph })
    await page.goto(`${kairos.url}/#/flows/${created.body.id}`)
    await page.getByTestId('simulate').click()
    await page.getByTestId('sim-inline-add').click()
    await page.getByTestId('sim-run').click()
    const failure = page.getByTestId('sim-failure')
    await expect.poll(() => failure.count(), { timeout: 30_000 }).toBe(1)
    expect(await failure.innerText()).toContain('The draft could not be published as it is')
    expect(await page.getByTestId('sim-problem').allInnerTexts()).toEqual(['Step “Reminder SMS” — Text: cannot be empty'])
    expect(await failure.innerText()).not.toMatch(/config\.|body\./)
    expect(await page.getByTestId('sim-totals').count()).toBe(0)
  })

  it('simulates a published version for a random sample of a saved segment, from a start typed on the 24-hour clock', { timeout: 120_000 }, async () => {
    ready()
    const { page } = browser
    for (const id of ['seg-a', 'seg-b', 'seg-c']) await kairos.api('PUT', `/api/contacts/${id}`, { attributes: { name: id, phone: '+8613900000000' }, tags: ['sim-segment'] })
    const segment = (await kairos.api('POST', '/api/segments', { name: 'Simulated shoppers', condition: { tag: 'sim-segment' } })).body
    const graph = JSON.parse(await readFile(join(REPO_ROOT, 'tests/fixtures/cart-abandonment.flow.json'), 'utf8'))
    const created = await kairos.api('POST', '/api/flows', { name: 'Cart for a segment', graph })
    expect((await kairos.api('POST', `/api/flows/${created.body.id}/publish`, {})).status).toBe(200)
    await page.goto(`${kairos.url}/#/flows/${created.body.id}`)
    await page.getByTestId('simulate').click()
    await page.getByTestId('sim-source').selectOption({ label: 'Published version 1' })
    await page.getByTestId('sim-who-segment').check()
    await page.getByTestId('sim-segment').selectOption(segment.id)
    await page.getByTestId('sim-sample').fill('2')
    await page.getByTestId('sim-start-now').uncheck()
    await page.getByTestId('sim-start-date').fill('2027-03-01')
    await page.locator('[data-part=hour]').selectOption('21')
    await page.locator('[data-part=minute]').selectOption('30')
    await page.getByTestId('sim-event-add').click()
    await page.getByTestId('sim-event-at').fill('2027-03-01 22:00')
    await page.getByTestId('sim-event-name').fill('cart_added')
    await page.getByTestId('sim-horizon').selectOption('1d')
    await page.getByTestId('sim-run').click()
    await expect.poll(() => page.getByTestId('sim-totals').isVisible(), { timeout: 30_000 }).toBe(true)
    expect(await page.getByTestId('sim-total-contacts').innerText()).toBe('2')
    expect(await page.getByTestId('sim-total-entered').innerText()).toBe('2')
    // The page is in Berlin: 21:30 there is 20:30 UTC; the cart at 22:00 Berlin, the reminder 30 minutes later.
    expect(await page.getByTestId('sim-window').innerText()).toMatch(/^Version 1, .*21:30/)
    // A day is too short for the 24-hour wait for an order: both still wait there, and are told of.
    expect(await canvasOf(page).node('ordered').getByTestId('sim-counter-waiting').getAttribute('data-value')).toBe('2')
    expect(await page.locator('[data-testid=sim-warning][data-code=still_waiting]').innerText()).toBe(
      '⚠ 2 runs are still in the journey when the horizon ends: a longer horizon shows what they do next.',
    )
    await page.getByTestId('sim-list-messages').click()
    expect(await page.getByTestId('sim-message').first().getByTestId('sim-time').innerText()).toContain('21:30 UTC')
    await page.getByTestId('simulate').click()
    expect(await page.getByTestId('simulation-banner').count()).toBe(0)
  })

  it('words in Chinese why a simulated message waits (quiet hours, on the contact’s clock with UTC beside) and why a run ended', { timeout: 120_000 }, async () => {
    ready()
    const { page } = browser
    const before = (await kairos.api('GET', '/api/policies')).body
    expect((await kairos.api('PUT', '/api/policies', { quietHours: { from: '21:00', to: '09:00' } })).status).toBe(200)
    try {
      const created = await kairos.api('POST', '/api/flows', {
        name: 'Night offer (simulated)',
        graph: {
          nodes: [
            { id: 'promo', type: 'trigger.event', label: 'Promo', config: { event: 'promo' }, position: { x: 0, y: 0 } },
            { id: 'offer', type: 'send.sms', label: '夜间优惠', config: { text: '优惠券已到账' }, position: { x: 0, y: 120 } },
            { id: 'bye', type: 'exit', label: '再见', config: {}, position: { x: 0, y: 240 } },
          ],
          edges: [{ source: 'promo', target: 'offer' }, { source: 'offer', target: 'bye' }],
          settings: { reentry: 'always', timezone: 'Asia/Shanghai' },
        },
      })
      expect(created.status).toBe(201)
      await page.goto(`${kairos.url}/#/flows/${created.body.id}`)
      await page.getByTestId('user-menu').click()
      await page.getByTestId('locale-zh-CN').click()
      await page.getByTestId('simulate').click()
      await expect.poll(() => page.getByTestId('simulation-banner').innerText()).toContain('模拟')
      // A test contact in Shanghai; the promo at 23:00 in Berlin (the page's zone) is 06:00 there, in quiet hours.
      await page.getByTestId('sim-inline-add').click()
      await page.getByTestId('sim-inline-name').fill('mei-night')
      await page.getByTestId('sim-attr-value').nth(0).fill('Asia/Shanghai')
      await page.getByTestId('sim-attr-value').nth(1).fill('+8613800000009')
      await page.getByTestId('sim-start-now').uncheck()
      await page.getByTestId('sim-start-date').fill('2027-03-01')
      await page.locator('[data-part=hour]').selectOption('23')
      await page.locator('[data-part=minute]').selectOption('00')
      await page.getByTestId('sim-event-add').click()
      await page.getByTestId('sim-event-at').fill('+0m')
      await page.getByTestId('sim-event-name').fill('promo')
      await page.getByTestId('sim-horizon').selectOption('1d')
      await page.getByTestId('sim-run').click()
      await expect.poll(() => page.getByTestId('sim-totals').isVisible(), { timeout: 30_000 }).toBe(true)

      // The rule from the recorded reason, in Chinese: 09:00 in Shanghai, 01:00 UTC.
      await page.getByTestId('sim-list-messages').click()
      const message = page.locator('[data-testid=sim-message][data-contact=mei-night]')
      const deferred = message.getByTestId('sim-deferred')
      await expect.poll(() => deferred.count()).toBe(1)
      expect(await deferred.innerText()).toMatch(/^免打扰时段 21:00–09:00，将于 3月2日\s*09:00（联系人当地时间，UTC 3月2日\s*01:00）发送。$/)
      expect(await deferred.innerText()).not.toMatch(/quiet hours|Asia\/Shanghai/)
      // The totals count the rule in the same words, with the zone it was read in.
      expect(await page.getByTestId('sim-total-rule').allInnerTexts()).toEqual(['免打扰时段 21:00–09:00（Asia/Shanghai）：拦截 0 条，推迟 1 条'])

      // Her timeline words the same reason and why the run ended: at the end step, by its label.
      await message.getByTestId('sim-message-contact').click()
      const timeline = page.getByTestId('sim-timeline')
      await expect.poll(() => timeline.isVisible()).toBe(true)
      expect(await timeline.getByTestId('sim-deferred').innerText()).toContain('免打扰时段 21:00–09:00')
      expect(await timeline.getByTestId('sim-exit-reason').innerText()).toBe('离开旅程：到达结束步骤“再见”')
      await shoot('simulate-deferred-zh-CN.png')
    } finally {
      await kairos.api('PUT', '/api/policies', before)
      await page.getByTestId('user-menu').click()
      await page.getByTestId('locale-en').click()
    }
  })
})
