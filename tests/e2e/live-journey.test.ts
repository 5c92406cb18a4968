// A live journey in the editor: who left early and who converted, on the canvas, in the bar and
// in the list; then a change to it, reviewed as a diff and published after the warning about
// the contacts inside.
import { describe, expect, it } from 'vitest'
import type { E2EBrowser } from '../support/e2e-browser.ts'
import { canvasOf } from '../support/e2e-canvas.ts'
import type { KairosProcess } from '../support/e2e-kairos-process.ts'
import { browserSession } from '../support/e2e-session.ts'

let kairos: KairosProcess
let browser: E2EBrowser
const ready = browserSession((started) => ({ browser, kairos } = started))

describe('a live journey in the editor', () => {
  it('shows exits and conversions, the unpublished diff and who stays on the old version', { timeout: 120_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    const created = await kairos.api('POST', '/api/flows', {
      name: 'Renewal (live)',
      graph: {
        nodes: [
          { id: 'due', type: 'trigger.event', label: 'Renewal due', config: { event: 'renewal_due' }, position: { x: 0, y: 0 } },
          { id: 'hold', type: 'wait', label: 'Wait a day', config: { for: '1d' }, position: { x: 0, y: 180 } },
          { id: 'tagged', type: 'tag', label: 'Reminded', config: { add: ['reminded'] }, position: { x: 0, y: 360 } },
        ],
        edges: [{ source: 'due', target: 'hold' }, { source: 'hold', target: 'tagged' }],
        settings: { exitOn: ['order_placed'], goal: { event: 'order_placed', within: '7d' } },
      },
    })
    const flowId = created.body.id
    expect((await kairos.api('POST', `/api/flows/${flowId}/publish`, {})).status).toBe(200)
    await page.goto(`${kairos.url}/#/flows/${flowId}`)
    await expect.poll(() => page.getByTestId('canvas-node').count()).toBe(3)

    await kairos.api('POST', '/api/events', { events: ['ann', 'bo', 'cy'].map((contact) => ({ contact, name: 'renewal_due' })) })
    await expect.poll(() => ui.counter('hold', 'waiting'), { timeout: 10_000 }).toBe(3)
    await kairos.api('POST', '/api/events', { contact: 'ann', name: 'order_placed' })
    // ann left at the wait on the exit event: exited there, not done; and she converted.
    await expect.poll(() => ui.counter('hold', 'exited'), { timeout: 10_000 }).toBe(1)
    expect(await ui.counter('hold', 'completed')).toBe(0)
    expect(await ui.counter('hold', 'waiting')).toBe(2)
    await expect.poll(() => page.getByTestId('flow-converted').getAttribute('data-value'), { timeout: 15_000 }).toBe('1')
    expect(await page.getByTestId('flow-outcomes').innerText()).toBe('1 converted (33.3%) · 1 exited')

    // A change to the live journey: the badge, and the diff naming the step and what changed.
    expect(await page.getByTestId('unpublished-changes').count()).toBe(0)
    await ui.select('hold')
    await page.getByTestId('node-label').fill('Wait one day')
    await ui.field('config.for').getByLabel('Amount').fill('2')
    await page.getByTestId('unpublished-changes').click()
    await expect.poll(() => page.getByTestId('diff-changed').allInnerTexts()).toEqual(['~ Changed “Wait one day”: name, For'])

    await page.getByTestId('publish').click()
    expect(await page.getByTestId('publish-in-flight').innerText()).toBe(
      '2 contacts are in this journey now (Wait one day (2)). They finish on v1, the version they started on; only contacts who enter from now on follow the changes.',
    )
    await page.getByTestId('publish-confirm').click()
    await expect.poll(() => kairos.api('GET', `/api/flows/${flowId}`).then((r) => r.body.publishedVersion)).toBe(2)
    await expect.poll(() => page.getByTestId('unpublished-changes').count()).toBe(0)

    await page.goto(`${kairos.url}/#/flows`)
    const row = page.getByTestId('flows-table').locator('tr', { hasText: 'Renewal (live)' })
    await expect.poll(() => row.getByTestId('flow-row-converted').innerText()).toBe('1')
    expect(await row.getByTestId('flow-row-exited').innerText()).toBe('1')
    expect(browser.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([])
  })
})
