// Channels in the editor, end to end: Kairos started like `pnpm start`, Debian's Chromium
// driving the page. A step's channel field (`x-kairos-channel` in its schema) is a picker of
// the configured channels of the kind the step needs, by name; a name no such channel has
// (a typo, a deleted channel, one of another kind) stays visible and is called out; a kind
// with no channel at all offers to create one in place (an administrator; others are told who can).
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { E2EBrowser } from '../support/e2e-browser.ts'
import { canvasOf } from '../support/e2e-canvas.ts'
import type { KairosProcess } from '../support/e2e-kairos-process.ts'
import { browserSession } from '../support/e2e-session.ts'

let kairos: KairosProcess
let browser: E2EBrowser
// KAIROS_SCREENSHOTS=docs/images regenerates docs/images/channel-picker.png from this test.
const shots = process.env.KAIROS_SCREENSHOTS
// KAIROS_E2E_DEBUG=1: pictures of the forms along the way, in /tmp, to look at.
// The channel field sits below the message: scrolled into view first.
const debugShot = async (name: string) => {
  if (!process.env.KAIROS_E2E_DEBUG) return
  await canvasOf(browser.page).field('config.channel').scrollIntoViewIfNeeded()
  await browser.page.screenshot({ path: `/tmp/kairos-e2e-${name}.png` })
}

const ready = browserSession((started) => ({ browser, kairos } = started))

async function putChannel(name: string, kind: string, config: Record<string, unknown>): Promise<void> {
  const put = await kairos.api('PUT', `/api/channels/${name}`, { kind, config })
  expect(put.status, JSON.stringify(put.body)).toBe(200)
}

/** A draft: an event trigger, then the given steps one under the other. */
async function createFlow(name: string, steps: Array<{ id: string; type: string; label?: string; config: Record<string, unknown> }>): Promise<string> {
  const nodes = [
    { id: 'start', type: 'trigger.event', config: { event: 'signed_up' }, position: { x: 0, y: 0 } },
    ...steps.map((s, i) => ({ ...s, position: { x: 0, y: 150 * (i + 1) } })),
  ]
  const edges = steps.map((s, i) => ({ source: i === 0 ? 'start' : steps[i - 1].id, sourcePort: 'next', target: s.id }))
  const created = await kairos.api('POST', '/api/flows', { name, graph: { nodes, edges } })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return created.body.id
}

const saved = () => expect.poll(() => browser.page.getByTestId('save-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved')

describe('channels in the editor', () => {
  it('picks the SMS channel by name among the sms.http channels only, and stores the name in the draft', { timeout: 90_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    await putChannel('sms-main', 'sms.http', { url: 'http://127.0.0.1:9/sms' })
    await putChannel('ops-robot', 'wecom.robot', { webhookUrl: 'http://127.0.0.1:9/wecom' })
    const flowId = await createFlow('Welcome SMS (e2e)', [{ id: 'welcome', type: 'send.sms', config: { text: 'Welcome, {{ contact.name }}!' } }])
    const configOf = async () => (await kairos.api('GET', `/api/flows/${flowId}`)).body.graph.nodes.find((n: { id: string }) => n.id === 'welcome').config

    await page.goto(`${kairos.url}/#/flows/${flowId}`)
    await ui.select('welcome')
    const field = ui.field('config.channel')
    expect(await field.getAttribute('data-kind')).toBe('channel')
    const picker = field.getByTestId('channel-picker')
    // The wecom.robot channel is not offered to an SMS step; the field is optional, so "none" is.
    await expect.poll(() => picker.locator('option').allInnerTexts()).toEqual(['— no channel —', 'sms-main', 'New channel…'])
    expect(await picker.inputValue()).toBe('')
    await picker.selectOption({ label: 'sms-main' })
    await saved()
    expect(await configOf()).toEqual({ text: 'Welcome, {{ contact.name }}!', channel: 'sms-main' })
    // What the chosen channel is, secrets left out.
    expect(await field.getByTestId('channel-summary').innerText()).toBe('url: http://127.0.0.1:9/sms')
    expect(await field.getByTestId('channel-missing').count()).toBe(0)
    await debugShot('channel-picked')
    // It names a channel that exists, of the right kind: publishing takes it.
    expect((await kairos.api('POST', `/api/flows/${flowId}/publish`, {})).status).toBe(200)

    // Back to "none": the field leaves the config, rather than being stored as "".
    await page.goto(`${kairos.url}/#/flows/${flowId}`)
    await ui.select('welcome')
    await expect.poll(() => ui.field('config.channel').getByTestId('channel-picker').inputValue()).toBe('sms-main')
    await ui.field('config.channel').getByTestId('channel-picker').selectOption('')
    await saved()
    expect(await configOf()).toEqual({ text: 'Welcome, {{ contact.name }}!' })
    expect(browser.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([])
  })

  it('shows a channel name that no channel of the kind has as unknown, and a kind without channels in one line', { timeout: 90_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    await putChannel('sms-main', 'sms.http', { url: 'http://127.0.0.1:9/sms' })
    await putChannel('ops-robot', 'wecom.robot', { webhookUrl: 'http://127.0.0.1:9/wecom' })
    const flowId = await createFlow('Broken channels (e2e)', [
      { id: 'typo', type: 'send.sms', label: 'Welcome SMS', config: { text: 'Welcome aboard, {{ contact.name }}!', channel: 'sms-mian' } },
      { id: 'wrong_kind', type: 'send.sms', label: 'Tips SMS', config: { text: 'Three tips to get started', channel: 'ops-robot' } },
      { id: 'crm', type: 'webhook', label: 'Tell the CRM', config: { channel: 'crm' } },
    ])

    await page.goto(`${kairos.url}/#/flows/${flowId}`)
    // A typo (or a channel deleted since): the name as stored, in red, not an unset step.
    await ui.select('typo')
    let field = ui.field('config.channel')
    await expect.poll(() => field.getByTestId('channel-missing').innerText()).toBe('No SMS over HTTP / Aliyun SMS / Tencent Cloud SMS channel is named “sms-mian”: mistyped, or deleted since. Choose another.')
    const picker = field.getByTestId('channel-picker')
    expect(await picker.inputValue()).toBe('sms-mian')
    expect(await picker.locator('option:checked').innerText()).toBe('sms-mian')
    expect(await picker.getAttribute('class')).toContain('invalid')
    expect(await picker.locator('option').allInnerTexts()).toEqual(['— no channel —', 'sms-mian', 'sms-main', 'New channel…'])
    await debugShot('channel-missing')
    if (shots) {
      // Tall enough for the whole form, the step's heading down to its channel.
      await page.setViewportSize({ width: 1280, height: 1000 })
      await page.getByTestId('palette').evaluate((el) => el.scrollTo(0, 0))
      await field.scrollIntoViewIfNeeded()
      await page.mouse.move(640, 950) // off the canvas's steps, so none is drawn hovered
      await page.screenshot({ path: join(shots, 'channel-picker.png') })
      await page.setViewportSize({ width: 1280, height: 800 })
    }

    // A channel that exists but is of another kind is no better.
    await ui.select('wrong_kind')
    field = ui.field('config.channel')
    await expect.poll(() => field.getByTestId('channel-missing').innerText()).toBe('Channel “ops-robot” is of kind WeCom group robot, not SMS over HTTP / Aliyun SMS / Tencent Cloud SMS. Choose another.')
    expect(await field.getByTestId('channel-picker').inputValue()).toBe('ops-robot')

    // No webhook channel at all: one line saying where to add one; the stored name still shows.
    await ui.select('crm')
    field = ui.field('config.channel')
    await expect.poll(() => field.getByTestId('channel-none').innerText()).toBe('No Webhook channel yet. New channel…')
    expect(await field.getByTestId('channel-missing').innerText()).toBe('No Webhook channel is named “crm”.')
    expect(await field.getByTestId('channel-picker').locator('option').allInnerTexts()).toEqual(['crm', 'New channel…'])
    await debugShot('channel-none')

    // The same names are what publishing refuses, each on its step's channel field.
    const publish = await kairos.api('POST', `/api/flows/${flowId}/publish`, {})
    expect(publish.status).toBe(400)
    expect(publish.body.error.details.map((d: { node: string; field: string }) => `${d.node} ${d.field}`).sort()).toEqual([
      'crm config.channel',
      'typo config.channel',
      'wrong_kind config.channel',
    ])
    expect(browser.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([])
  })

  it('says in one line that a kind has no channel yet, with no empty list', { timeout: 60_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    const flowId = await createFlow('Webhook without channel (e2e)', [{ id: 'crm', type: 'webhook', config: { channel: '' } }])
    await page.goto(`${kairos.url}/#/flows/${flowId}`)
    await ui.select('crm')
    const field = ui.field('config.channel')
    await expect.poll(() => field.getByTestId('channel-none').innerText()).toBe('No Webhook channel yet. New channel…')
    expect(await field.getByTestId('channel-picker').count()).toBe(0)
    expect(await field.getByTestId('channel-missing').count()).toBe(0)
    await debugShot('channel-none-only')
  })
})
