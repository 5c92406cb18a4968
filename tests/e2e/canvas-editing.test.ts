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
})
