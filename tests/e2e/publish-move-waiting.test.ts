// Publishing v2 of a live journey from the editor while contacts wait on v1, moving them
// (docs/versions.md): the dialog's "Move waiting contacts to the new version", one row per step
// where contacts wait offering the draft's steps of the same type, the dry run's sentences before
// the publish button, and the move done by the publish (the runs stand on v2's step afterwards).
import { describe, expect, it } from 'vitest'
import type { E2EBrowser } from '../support/e2e-browser.ts'
import type { KairosProcess } from '../support/e2e-kairos-process.ts'
import { browserSession } from '../support/e2e-session.ts'

let kairos: KairosProcess
let browser: E2EBrowser
const ready = browserSession((started) => ({ browser, kairos } = started))
const shot = async (name: string) => {
  const dir = process.env.KAIROS_SCREENSHOTS ?? process.env.KAIROS_E2E_SHOTS
  if (dir) await browser.page.getByTestId('publish-dialog').screenshot({ path: `${dir}/${name}.png` })
}

const at = (x: number, y: number) => ({ x, y })
const v1 = {
  nodes: [
    { id: 'signup', type: 'trigger.event', label: 'Signed up', config: { event: 'signed_up' }, position: at(0, 0) },
    { id: 'wait_3d', type: 'wait', label: 'Wait 3 days', config: { for: '3d' }, position: at(0, 160) },
    { id: 'old_tag', type: 'tag', label: 'Tag old', config: { add: ['old'] }, position: at(0, 320) },
    { id: 'trial', type: 'trigger.event', label: 'Trial', config: { event: 'trial_started' }, position: at(300, 0) },
    { id: 'hold_b', type: 'wait', label: 'Hold', config: { for: '5d' }, position: at(300, 160) },
  ],
  edges: [
    { source: 'signup', target: 'wait_3d' },
    { source: 'wait_3d', target: 'old_tag' },
    { source: 'trial', target: 'hold_b' },
  ],
}
const v2 = {
  nodes: [
    { id: 'signup', type: 'trigger.event', label: 'Signed up', config: { event: 'signed_up' }, position: at(0, 0) },
    { id: 'wait_2d', type: 'wait', label: 'Wait 2 days', config: { for: '2d' }, position: at(0, 160) },
    { id: 'new_tag', type: 'tag', label: 'Tag new', config: { add: ['new'] }, position: at(0, 320) },
    { id: 'trial', type: 'trigger.event', label: 'Trial', config: { event: 'trial_started' }, position: at(300, 0) },
  ],
  edges: [
    { source: 'signup', target: 'wait_2d' },
    { source: 'wait_2d', target: 'new_tag' },
  ],
}

describe('publish dialog: moving waiting contacts to the new version', () => {
  it('maps each waiting step, shows the dry run in sentences, and the publish moves them', { timeout: 120_000 }, async () => {
    ready()
    const { page } = browser
    const created = await kairos.api('POST', '/api/flows', { name: 'Onboarding (move e2e)', graph: v1 })
    const flowId = created.body.id
    expect((await kairos.api('POST', `/api/flows/${flowId}/publish`)).status).toBe(200)
    for (const c of ['mv-ana', 'mv-ben', 'mv-cai']) await kairos.api('POST', '/api/events', { contact: c, name: 'signed_up' })
    await kairos.api('POST', '/api/events', { contact: 'mv-dan', name: 'trial_started' })
    const waiting = async () => (await kairos.api('GET', `/api/runs?flow=${flowId}&status=waiting`)).body.runs.length
    await expect.poll(waiting, { timeout: 20_000 }).toBe(4)
    expect((await kairos.api('PUT', `/api/flows/${flowId}`, { graph: v2 })).status).toBe(200)

    await page.goto(`${kairos.url}/#/flows/${flowId}`)
    await page.getByTestId('publish').click()
    const dialog = page.getByTestId('publish-dialog')
    await dialog.getByTestId('move-waiting-toggle').check()
    // One row per waiting step; a removed step defaults to finishing on v1, and so says the dry run.
    await expect.poll(() => dialog.getByTestId('move-sentence').allInnerTexts(), { timeout: 10_000 }).toEqual([
      '3 contacts at removed step Wait 3 days finish on v1',
      'One contact at removed step Hold finishes on v1',
    ])
    // Wait rows offer the draft's wait steps only.
    const row = dialog.getByTestId('move-row-wait_3d')
    expect(await row.locator('option').allInnerTexts()).toEqual(['Let them finish on v1', 'Wait 2 days'])
    await row.getByTestId('move-target').selectOption('wait_2d')
    await expect.poll(() => dialog.getByTestId('move-sentence').allInnerTexts(), { timeout: 10_000 }).toEqual([
      '3 contacts waiting at Wait 3 days move to Wait 2 days, keeping the wait they started',
      'One contact at removed step Hold finishes on v1',
    ])
    expect(await dialog.getByTestId('publish-confirm').isDisabled()).toBe(false)
    // KAIROS_SCREENSHOTS=docs/images regenerates docs/images/publish-move-waiting-en.png and -zh.png.
    await shot('publish-move-waiting-en')

    await dialog.getByTestId('publish-confirm').click()
    await expect.poll(() => kairos.api('GET', `/api/flows/${flowId}`).then((r) => r.body.publishedVersion), { timeout: 10_000 }).toBe(2)
    const runs = (await kairos.api('GET', `/api/runs?flow=${flowId}&status=waiting`)).body.runs
    expect(runs.map((r: any) => `${r.contact}@v${r.flowVersion}:${r.nodeId}`).sort()).toEqual([
      'mv-ana@v2:wait_2d', 'mv-ben@v2:wait_2d', 'mv-cai@v2:wait_2d', 'mv-dan@v1:hold_b',
    ])
    const audit = (await kairos.api('GET', `/api/audit?target=flow:${flowId}`)).body.entries
    expect(audit.find((e: any) => e.action === 'flow.move-waiting').diff).toMatchObject({ moved: 3, changed: 0, mapping: { wait_3d: 'wait_2d' } })

    // The same dialog in Chinese, for a v3 that renames the wait step again.
    const v3 = { ...v2, nodes: v2.nodes.map((n) => (n.id === 'wait_2d' ? { ...n, id: 'wait_1d', label: '等待 1 天', config: { for: '1d' } } : n)) }
    v3.edges = v2.edges.map((e) => ({ source: e.source === 'wait_2d' ? 'wait_1d' : e.source, target: e.target === 'wait_2d' ? 'wait_1d' : e.target }))
    expect((await kairos.api('PUT', `/api/flows/${flowId}`, { graph: v3 })).status).toBe(200)
    await page.evaluate(() => localStorage.setItem('kairos.locale', 'zh-CN'))
    await page.reload()
    await page.getByTestId('publish').click()
    await dialog.getByTestId('move-waiting-toggle').check()
    await dialog.getByTestId('move-row-wait_2d').getByTestId('move-target').selectOption('wait_1d')
    await expect.poll(() => dialog.getByTestId('move-sentence').allInnerTexts(), { timeout: 10_000 }).toEqual([
      '在 Wait 2 days 等待的 3 位联系人移到 等待 1 天，保留原来的等待',
    ])
    // dan still waits on v1, which is not the live version any more: not in the move.
    expect(await dialog.locator('[data-testid^="move-row-"]').count()).toBe(1)
    await shot('publish-move-waiting-zh')
    await page.evaluate(() => localStorage.setItem('kairos.locale', 'en'))
    expect(browser.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([])
  })
})
