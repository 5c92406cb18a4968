// Editing gestures on the canvas, in a browser: what a click and a key take away, and the
// shortcuts that build a journey faster (tidy up, "+ next step", copy, paste, duplicate).
import { describe, expect, it } from 'vitest'
import type { E2EBrowser } from '../support/e2e-browser.ts'
import { canvasOf } from '../support/e2e-canvas.ts'
import type { KairosProcess } from '../support/e2e-kairos-process.ts'
import { browserSession } from '../support/e2e-session.ts'

let kairos: KairosProcess
let browser: E2EBrowser
const ready = browserSession((started) => ({ browser, kairos } = started))

const REMINDER = {
  nodes: [
    { id: 'renewal', type: 'trigger.event', label: 'Renewal due', config: { event: 'renewal_due' }, position: { x: 0, y: 0 } },
    { id: 'hold', type: 'wait', label: 'Wait a day', config: { for: '1d' }, position: { x: 0, y: 200 } },
    { id: 'remind', type: 'send.sms', label: 'Remind', config: { text: 'Your membership ends soon' }, position: { x: 0, y: 400 } },
  ],
  edges: [{ source: 'renewal', target: 'hold' }, { source: 'hold', target: 'remind' }],
}

async function openJourney(graph: unknown, name: string): Promise<string> {
  const created = await kairos.api('POST', '/api/flows', { name, graph })
  expect(created.status).toBe(201)
  await browser.page.goto(`${kairos.url}/#/flows/${created.body.id}`)
  await expect.poll(() => browser.page.getByTestId('canvas-node').count()).toBe(3)
  return created.body.id as string
}

const savedGraph = async (flowId: string) => {
  await expect.poll(() => browser.page.getByTestId('save-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved')
  return (await kairos.api('GET', `/api/flows/${flowId}`)).body.graph as { nodes: Array<{ id: string; type: string; config: unknown; position: { x: number; y: number } }>; edges: Array<{ source: string; target: string }> }
}

describe('editing a journey on the canvas', () => {
  it('deletes only the clicked connection, not the step whose form is open', { timeout: 90_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    const flowId = await openJourney(REMINDER, 'Delete a connection')

    await ui.select('remind')
    await page.locator('.vue-flow__edge[data-id="hold:next->remind"]').click()
    await expect.poll(() => page.locator('.vue-flow__edge.selected').count()).toBe(1)
    await page.keyboard.press('Delete')
    await expect.poll(() => page.locator('.vue-flow__edge').count()).toBe(1)
    expect(await page.getByTestId('canvas-node').count()).toBe(3)
    const graph = await savedGraph(flowId)
    expect(graph.nodes.map((n) => n.id)).toEqual(['renewal', 'hold', 'remind'])
    expect(graph.edges).toEqual([{ source: 'renewal', sourcePort: 'next', target: 'hold' }])

    // With nothing else selected, Delete still removes the open step.
    await ui.select('remind')
    await page.keyboard.press('Delete')
    await expect.poll(() => page.getByTestId('canvas-node').count()).toBe(2)
  })

  it('tidies the steps up by depth, undoably', { timeout: 90_000 }, async () => {
    ready()
    const { page } = browser
    const jumbled = {
      ...REMINDER,
      nodes: [
        { ...REMINDER.nodes[0], position: { x: 400, y: 300 } },
        { ...REMINDER.nodes[1], position: { x: -200, y: 20 } },
        { ...REMINDER.nodes[2], position: { x: 150, y: 120 } },
      ],
    }
    const flowId = await openJourney(jumbled, 'Tidy me')
    await page.getByTestId('tidy-up').click()
    const tidy = await savedGraph(flowId)
    const at = Object.fromEntries(tidy.nodes.map((n) => [n.id, n.position]))
    // One column, top to bottom in journey order, far enough apart for steps of any state; centred
    // on one axis (the SMS step is 40 wider than the others, for its four ports).
    expect(at.renewal.x).toBe(at.hold.x)
    expect(at.hold.x - at.remind.x).toBe(20)
    expect(at.hold.y - at.renewal.y).toBeGreaterThanOrEqual(150)
    expect(at.remind.y - at.hold.y).toBe(at.hold.y - at.renewal.y)
    await page.getByTestId('undo').click()
    await expect.poll(async () => (await savedGraph(flowId)).nodes.map((n) => n.position), { timeout: 10_000 }).toEqual(jumbled.nodes.map((n) => n.position))
  })

  it('adds the next step from a port\'s "+", connected, and finds steps by their Chinese names', { timeout: 90_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    const flowId = await openJourney(REMINDER, 'Plus a step')
    // Only a port that leads nowhere offers "+".
    await expect.poll(() => ui.node('hold').locator('[data-testid=add-next]').isVisible()).toBe(false)
    await ui.node('remind').hover()
    await ui.node('remind').locator('[data-testid=add-next][data-port=next]').click()
    const menu = page.getByTestId('next-step-menu')
    await menu.locator('input').fill('标签')
    await expect.poll(() => menu.getByTestId('next-step-choice').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')))).toEqual(['tag'])
    await menu.locator('input').press('Enter')
    await expect.poll(() => page.getByTestId('canvas-node').count()).toBe(4)
    const graph = await savedGraph(flowId)
    const added = graph.nodes.find((n) => n.type === 'tag')!
    expect(graph.edges).toContainEqual({ source: 'remind', sourcePort: 'next', target: added.id })
    expect(added.position.y).toBeGreaterThan(graph.nodes.find((n) => n.id === 'remind')!.position.y + 104)
    // One undo takes the step and its connection away together.
    await page.getByTestId('undo').click()
    await expect.poll(() => page.getByTestId('canvas-node').count()).toBe(3)
    expect((await savedGraph(flowId)).edges).toHaveLength(2)

    await page.getByTestId('palette-search').fill('短信')
    await expect.poll(() => page.getByTestId('palette-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')))).toEqual(['send.sms'])
  })

  it('copies, pastes and duplicates steps with new ids, their config and the connections between them', { timeout: 90_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    const flowId = await openJourney(REMINDER, 'Copy me')

    await ui.select('hold')
    await page.keyboard.press('Control+c')
    await page.keyboard.press('Control+v')
    await expect.poll(() => page.getByTestId('canvas-node').count()).toBe(4)
    let graph = await savedGraph(flowId)
    const pasted = graph.nodes.find((n) => !['renewal', 'hold', 'remind'].includes(n.id))!
    expect(pasted).toMatchObject({ type: 'wait', config: { for: '1d' }, position: { x: 40, y: 240 } })

    // Two linked steps duplicated: the twins are linked to each other, not to the originals.
    await ui.select('remind')
    const hold = (await ui.node('hold').locator('.head').boundingBox())!
    await page.keyboard.down('Control')
    await page.mouse.click(hold.x + 20, hold.y + 10)
    await page.keyboard.up('Control')
    await expect.poll(() => page.locator('.vue-flow__node.selected').count()).toBe(2)
    await page.keyboard.press('Control+d')
    await expect.poll(() => page.getByTestId('canvas-node').count()).toBe(6)
    graph = await savedGraph(flowId)
    const twins = graph.nodes.slice(4)
    expect(twins.map((n) => n.type).sort()).toEqual(['send.sms', 'wait'])
    const [waitTwin, smsTwin] = [twins.find((n) => n.type === 'wait')!, twins.find((n) => n.type === 'send.sms')!]
    expect(smsTwin.config).toEqual({ text: 'Your membership ends soon' })
    expect(graph.edges).toContainEqual({ source: waitTwin.id, sourcePort: 'next', target: smsTwin.id })
    expect(graph.edges).toHaveLength(3)
    // The twins are the selection now: Delete takes both back out.
    await page.keyboard.press('Delete')
    await expect.poll(() => page.getByTestId('canvas-node').count()).toBe(4)
  })

  it('exports a journey named in Chinese under its own name', { timeout: 60_000 }, async () => {
    ready()
    const { page } = browser
    await openJourney(REMINDER, '高级客户周期购续费提醒 (VIP/周期购)')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()])
    expect(download.suggestedFilename()).toBe('高级客户周期购续费提醒-vip-周期购.flow.json')
  })
})
