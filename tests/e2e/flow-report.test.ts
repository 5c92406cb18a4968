// A journey's reports page in Chromium: a cart journey with an A/B split and a goal, forty
// contacts run through it by the API (arm b converts, arm a barely), then the page opened from the
// editor: the funnel in the journey's order, the charts drawn, the arms with their intervals and
// the significant one marked, the CSV with a byte order mark and the expected rows; then in Chinese.
// Then a renewal journey whose split picks its winner by itself, in a workspace with a global
// control group: the decision, the winner and the control group's lift on the page and in the CSV.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'kysely'
import { connectDb } from '@kairos/server'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { E2EBrowser } from '../support/e2e-browser.ts'
import type { KairosProcess } from '../support/e2e-kairos-process.ts'
import { browserSession } from '../support/e2e-session.ts'

let kairos: KairosProcess
let browser: E2EBrowser
const ready = browserSession((started) => ({ browser, kairos } = started), { timezoneId: 'Asia/Shanghai' })
const shots = process.env.KAIROS_SCREENSHOTS

const NAME = '购物车挽回 A/B'
const graph = {
  nodes: [
    { id: 'added', type: 'trigger.event', label: '加入购物车', config: { event: 'cart_added' }, position: { x: 0, y: 0 } },
    { id: 'ab', type: 'split', label: 'A/B：提醒还是优惠', config: { arms: [{ port: 'a', weight: 50 }, { port: 'b', weight: 50 }] }, position: { x: 0, y: 160 } },
    { id: 'smsA', type: 'send.sms', label: '提醒短信', config: { text: 'Your cart is waiting' }, position: { x: -200, y: 320 } },
    { id: 'smsB', type: 'send.sms', label: '优惠短信', config: { text: '今日下单立减 10 元' }, position: { x: 200, y: 320 } },
    { id: 'waitA', type: 'wait', label: '等待 3 天（A）', config: { for: '3d' }, position: { x: -200, y: 480 } },
    { id: 'waitB', type: 'wait', label: '等待 3 天（B）', config: { for: '3d' }, position: { x: 200, y: 480 } },
  ],
  edges: [
    { source: 'added', target: 'ab' },
    { source: 'ab', sourcePort: 'a', target: 'smsA' },
    { source: 'ab', sourcePort: 'b', target: 'smsB' },
    { source: 'smsA', target: 'waitA' },
    { source: 'smsB', target: 'waitB' },
  ],
  settings: { timezone: 'Asia/Shanghai', goal: { event: 'order_placed', within: '7d' } },
}

/** What drawnPixels reads of a canvas (the test tree has no DOM types). */
interface Canvas2d {
  width: number
  height: number
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } }
}

/** Every chart canvas on the page, each with the count of pixels something was drawn on. */
async function drawnPixels(page: Page): Promise<number[]> {
  return page.getByTestId('report-chart').evaluateAll((canvases) =>
    (canvases as unknown as Canvas2d[]).map((canvas) => {
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data
      let drawn = 0
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) drawn++
      return drawn
    }),
  )
}

/** A fraction as the CSV writes it: to four places. */
const csvNumber = (value: number) => String(Math.round(value * 10_000) / 10_000)

async function downloadCsv(page: Page): Promise<{ name: string; bytes: Buffer; lines: string[] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()])
  const bytes = readFileSync((await download.path())!)
  return { name: download.suggestedFilename(), bytes, lines: bytes.toString('utf8').replace(/^\uFEFF/, '').split('\r\n') }
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (!shots) return
  // Tall enough for the whole report (the page scrolls inside the shell, not the window).
  await page.setViewportSize({ width: 1280, height: 2600 })
  await page.waitForTimeout(300) // Chart.js redraws on resize
  await page.screenshot({ path: join(shots, name) })
  await page.setViewportSize({ width: 1280, height: 800 })
}

describe('the reports page of a journey', () => {
  it('shows the funnel, the charts, the arms compared and exports them as CSV, in English and Chinese', { timeout: 180_000 }, async () => {
    ready()
    const { page } = browser
    const created = await kairos.api('POST', '/api/flows', { name: NAME, graph })
    const flowId = created.body.id
    expect((await kairos.api('POST', `/api/flows/${flowId}/publish`, {})).status).toBe(200)
    // Forty shoppers; every tenth opted out of SMS, so consent suppresses its message and its run ends there.
    const shoppers = Array.from({ length: 40 }, (_, i) => `shopper-${String(i).padStart(2, '0')}`)
    const contacts = shoppers.map((id, i) => ({ externalId: id, attributes: { phone: `+86138${String(i).padStart(8, '0')}`, ...(i % 10 === 0 ? { consent: { sms: false } } : {}) } }))
    expect((await kairos.api('POST', '/api/contacts/batch', { contacts })).status).toBeLessThan(300)
    await kairos.api('POST', '/api/events', { events: shoppers.map((contact) => ({ contact, name: 'cart_added' })) })
    const allRuns = async () => (await kairos.api('GET', `/api/runs?flow=${flowId}&limit=100`)).body.runs as Array<{ contact: string; nodeId: string; status: string }>
    await expect.poll(async () => (await allRuns()).filter((r) => r.status !== 'running' && r.nodeId !== 'added' && r.nodeId !== 'ab').length, { timeout: 30_000 }).toBe(40)
    const runs = await allRuns()
    const armA = runs.filter((r) => r.nodeId === 'smsA' || r.nodeId === 'waitA').map((r) => r.contact)
    const armB = runs.filter((r) => r.nodeId === 'smsB' || r.nodeId === 'waitB').map((r) => r.contact)
    const waitingB = runs.filter((r) => r.nodeId === 'waitB').length
    const waitingA = runs.filter((r) => r.nodeId === 'waitA').length
    expect(armA.length).toBeGreaterThan(5)
    expect(armB.length).toBeGreaterThan(5)
    // Arm b: everyone orders; arm a: one shopper.
    await kairos.api('POST', '/api/events', { events: [...armB, armA[0]].map((contact) => ({ contact, name: 'order_placed' })) })
    const converted = armB.length + 1

    // From the editor's toolbar.
    await page.goto(`${kairos.url}/#/flows/${flowId}`)
    await page.getByTestId('open-report').waitFor()
    if (process.env.KAIROS_E2E_DEBUG) await page.screenshot({ path: '/tmp/kairos-e2e-report-toolbar.png' })
    await page.getByTestId('open-report').click()
    await expect.poll(() => page.getByTestId('report-entered').innerText(), { timeout: 15_000 }).toBe('40')
    expect(await page.getByTestId('report-converted').innerText()).toBe(String(converted))
    expect(await page.locator('h1').innerText()).toBe(`Reports: ${NAME}`)
    expect(await page.getByTestId('report-goal').innerText()).toBe('Goal: order_placed within 7 days')

    // The funnel in the journey's order: trigger, split, both arms' messages, both waits.
    const funnel = page.getByTestId('funnel-row')
    expect(await funnel.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-step')))).toEqual(['added', 'ab', 'smsA', 'smsB', 'waitA', 'waitB'])
    expect(await funnel.getByTestId('funnel-entered').allInnerTexts()).toEqual(['40', '40', String(armA.length), String(armB.length), String(waitingA), String(waitingB)])
    expect(await page.getByTestId('funnel-row').first().innerText()).toContain('加入购物车')

    // Four charts (funnel, over time, messages, the split), each drawn.
    await expect.poll(async () => (await drawnPixels(page)).length).toBe(4)
    await expect.poll(async () => (await drawnPixels(page)).every((n) => n > 500)).toBe(true)
    expect(await page.getByTestId('report-chart').first().getAttribute('aria-label')).toContain('Contacts per step: 加入购物车 40')

    // The arms: a is the reference; b converts 100% against a's few percent, significantly.
    const arm = (name: string) => page.locator(`[data-testid="split-arm"][data-arm="${name}"]`)
    expect(await arm('a').getByTestId('arm-verdict').innerText()).toBe('Reference')
    expect(await arm('b').getByTestId('arm-verdict').innerText()).toBe('Significant')
    expect(await arm('b').getByTestId('arm-rate').innerText()).toBe('100%')
    expect(await arm('a').getByTestId('arm-interval').innerText()).toMatch(/^\d+(\.\d)?% – \d+(\.\d)?%$/)

    // Messages: the four opted out are suppressed by the consent rule, the others sent.
    const report = (await kairos.api('GET', `/api/flows/${flowId}/report`)).body
    expect(report.messages.smsA.sent + report.messages.smsB.sent).toBe(36)
    expect(report.messages.smsA.suppressed + report.messages.smsB.suppressed).toBe(4)
    expect(await page.getByTestId('message-row').count()).toBe(2)
    expect(await page.getByTestId('report-messages').innerText()).toContain('consent: sms opted out (consent.sms = false)')

    const csv = await downloadCsv(page)
    expect(csv.name).toMatch(/^购物车挽回-a-b-report-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/)
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(csv.lines[0]).toBe('Section,Step id,Step,Reached,Of entries,From the step before,Left here,Failed,Waiting here now')
    expect(csv.lines[1]).toBe('Funnel,added,加入购物车,40,1,,0,0,0')
    expect(csv.lines[2]).toBe('Funnel,ab,A/B：提醒还是优惠,40,1,1,0,0,0')
    // The opted-out shoppers of arm a went no further than its SMS (suppressed leads nowhere).
    expect(csv.lines).toContain(`Funnel,smsA,提醒短信,${armA.length},${Math.round((armA.length / 40) * 10_000) / 10_000},,${armA.length - waitingA},0,0`)
    expect(csv.lines).toContain(`Funnel,waitB,等待 3 天（B）,${waitingB},${Math.round((waitingB / 40) * 10_000) / 10_000},${Math.round((waitingB / armB.length) * 10_000) / 10_000},0,0,${waitingB}`)
    const series = csv.lines.filter((l) => l.startsWith('Over time,'))
    expect(series.length).toBeGreaterThanOrEqual(30)
    expect(series.reduce((sum, l) => sum + Number(l.split(',')[3]), 0)).toBe(40)
    expect(series.reduce((sum, l) => sum + Number(l.split(',')[4]), 0)).toBe(converted)
    expect(csv.lines.find((l) => l.startsWith('Messages,smsB,'))).toBe(
      `Messages,smsB,优惠短信,${report.messages.smsB.channel},${report.messages.smsB.sent},${report.messages.smsB.delivered},${report.messages.smsB.failed},${report.messages.smsB.suppressed},0,0,0,0,${Object.entries(report.messages.smsB.suppressedBy).map(([r, n]) => `${r}: ${n}`).join('; ')},`,
    )
    expect(csv.lines.find((l) => l.startsWith('Splits,ab,A/B：提醒还是优惠,b,'))).toMatch(new RegExp(`^Splits,ab,A/B：提醒还是优惠,b,${armB.length},${armB.length},1,0\\.\\d+,1,0\\.\\d+,[\\d.e-]+,Significant,$`))

    // A shorter range: the last 7 days give the same people, drawn per day.
    await page.getByTestId('range-7').click()
    await expect.poll(() => page.getByTestId('report-range-shown').innerText()).toContain('(Asia/Shanghai)')
    expect(await page.getByTestId('report-entered').innerText()).toBe('40')
    // A custom range of today alone, in the journey's zone: per hour, the same forty.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
    await page.getByTestId('range-custom').click()
    await page.getByTestId('range-from').fill(today)
    await page.getByTestId('range-to').fill(today)
    await page.getByTestId('range-apply').click()
    await expect.poll(() => page.getByTestId('report-series').innerText()).toContain("Per hour, in the journey's timezone (Asia/Shanghai).")
    expect(await page.getByTestId('report-entered').innerText()).toBe('40')
    const hourly = await downloadCsv(page)
    expect(hourly.name).toBe(`购物车挽回-a-b-report-${today}-${today}.csv`)
    expect(hourly.lines.filter((l) => l.startsWith('Over time,')).length).toBe(24)
    await page.getByTestId('range-from').fill('2099-01-02')
    await page.getByTestId('range-to').fill('2099-01-01')
    expect(await page.getByTestId('range-apply').isDisabled()).toBe(true)
    await page.getByTestId('range-30').click()
    await expect.poll(() => page.getByTestId('report-series').innerText()).toContain('Per day')

    // In Chinese, from the journeys list.
    await page.evaluate(() => localStorage.setItem('kairos.locale', 'zh-CN'))
    await page.goto(`${kairos.url}/#/flows`)
    await page.reload()
    await page.getByTestId('flows-table').locator('tr', { hasText: NAME }).getByTestId('flow-row-report').click()
    await expect.poll(() => page.locator('h1').innerText(), { timeout: 15_000 }).toBe(`报表：${NAME}`)
    await expect.poll(async () => (await drawnPixels(page)).every((n) => n > 500) && (await drawnPixels(page)).length === 4).toBe(true)
    expect(await arm('b').getByTestId('arm-verdict').innerText()).toBe('差异显著')
    expect(await arm('a').getByTestId('arm-verdict').innerText()).toBe('对照')
    expect(await page.getByTestId('report-funnel').locator('h2').innerText()).toBe('漏斗')
    expect(await page.getByTestId('report-goal').innerText()).toBe('目标：7 天内发生 order_placed')
    const zh = await downloadCsv(page)
    expect(zh.name).toBe(csv.name)
    expect(zh.lines[0]).toBe('部分,步骤 ID,步骤,到达人数,占进入人数,较上一步,在此离开,失败,当前在此等待')
    expect(zh.lines[1]).toBe('漏斗,added,加入购物车,40,1,,0,0,0')
    expect(zh.lines.find((l) => l.startsWith('分流,ab,A/B：提醒还是优惠,b,'))).toMatch(/,差异显著,$/)
    await page.evaluate(() => localStorage.removeItem('kairos.locale'))
    expect(browser.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([])
  })

  it("shows an auto-winner's decision and the global control group's lift", { timeout: 180_000 }, async () => {
    ready()
    const { page } = browser
    // A quarter of the workspace's contacts get no marketing message from any journey.
    expect((await kairos.api('PUT', '/api/policies', { controlGroup: { percent: 25 } })).status).toBe(200)
    const created = await kairos.api('POST', '/api/flows', {
      name: '高级会员续费提醒',
      graph: {
        nodes: [
          { id: 'due', type: 'trigger.event', label: '续费到期前 3 天', config: { event: 'renewal_due' }, position: { x: 0, y: 0 } },
          { id: 'ab', type: 'split', version: 2, label: '提醒方式 A/B', config: { arms: [{ port: 'a', weight: 50 }, { port: 'b', weight: 50 }], autoWinner: { after: { minPerArm: 5 }, confidence: 0.95 } }, position: { x: 0, y: 160 } },
          { id: 'smsA', type: 'send.sms', label: '普通提醒', config: { text: '您的会员即将到期' }, position: { x: -200, y: 320 } },
          { id: 'smsB', type: 'send.sms', label: '优惠券提醒', config: { text: '续费立减 50 元' }, position: { x: 200, y: 320 } },
          { id: 'waitA', type: 'wait', label: '等待 3 天（A）', config: { for: '3d' }, position: { x: -200, y: 480 } },
          { id: 'waitB', type: 'wait', label: '等待 3 天（B）', config: { for: '3d' }, position: { x: 200, y: 480 } },
        ],
        edges: [
          { source: 'due', target: 'ab' }, { source: 'ab', sourcePort: 'a', target: 'smsA' }, { source: 'ab', sourcePort: 'b', target: 'smsB' },
          { source: 'smsA', target: 'waitA' }, { source: 'smsB', target: 'waitB' },
        ],
        settings: { timezone: 'Asia/Shanghai', goal: { event: 'order_placed', within: '7d' } },
      },
    })
    const flowId = created.body.id
    expect((await kairos.api('POST', `/api/flows/${flowId}/publish`, {})).status).toBe(200)
    const members = Array.from({ length: 60 }, (_, i) => `member-${String(i).padStart(2, '0')}`)
    await kairos.api('POST', '/api/contacts/batch', { contacts: members.map((id, i) => ({ externalId: id, attributes: { phone: `+86139${String(i).padStart(8, '0')}` } })) })
    await kairos.api('POST', '/api/events', { events: members.map((contact) => ({ contact, name: 'renewal_due' })) })
    const allRuns = async () => (await kairos.api('GET', `/api/runs?flow=${flowId}&limit=100`)).body.runs as Array<{ contact: string; nodeId: string; status: string }>
    await expect.poll(async () => (await allRuns()).filter((r) => r.status !== 'running' && !['due', 'ab'].includes(r.nodeId)).length, { timeout: 30_000 }).toBe(60)
    const armB = (await allRuns()).filter((r) => r.nodeId === 'smsB' || r.nodeId === 'waitB').map((r) => r.contact)
    // Every member of arm b renews, nobody of arm a: b wins. The control group's members are in both arms (their SMS suppressed).
    await kairos.api('POST', '/api/events', { events: armB.map((contact) => ({ contact, name: 'order_placed' })) })
    // The auto-winner check runs an hour after publishing: made due now (the browser test has no fake clock).
    const handle = connectDb(kairos.databaseUrl, { max: 1 })
    try {
      await sql`select graphile_worker.reschedule_jobs(array(select id from graphile_worker.jobs where key = ${`kairos:auto-winner:${flowId}:1`}), run_at := now())`.execute(handle.db)
    } finally {
      await handle.close()
    }
    await expect.poll(async () => (await kairos.api('GET', `/api/flows/${flowId}/report`)).body.decisions?.ab?.arm, { timeout: 30_000 }).toBe('b')
    const report = (await kairos.api('GET', `/api/flows/${flowId}/report`)).body
    expect(report.controlGroup.control.contacts + report.controlGroup.treated.contacts).toBe(60)
    expect(report.controlGroup.control.contacts).toBeGreaterThan(0)

    await page.goto(`${kairos.url}/#/flows/${flowId}/report`)
    await page.evaluate(() => localStorage.setItem('kairos.locale', 'en'))
    await page.reload()
    await expect.poll(() => page.getByTestId('report-entered').innerText(), { timeout: 15_000 }).toBe('60')
    expect(await page.getByTestId('split-decision').innerText()).toMatch(/^Auto-winner: arm b won on .+ \(version 1, p-value < 0\.001, asked for 95% confidence\)\. New entrants of that version go down b\.$/)
    expect(await page.locator('[data-testid="split-arm"][data-arm="b"]').getByTestId('arm-winner').innerText()).toBe('Winner')
    expect(await page.locator('[data-testid="split-arm"][data-arm="a"]').getByTestId('arm-winner').count()).toBe(0)
    const control = page.getByTestId('report-control-group')
    expect(await control.innerText()).toContain('25% of contacts get no marketing message from any journey.')
    expect(await page.getByTestId('control-row').count()).toBe(2)
    expect(await page.getByTestId('control-lift').innerText()).toMatch(/^Lift: [+-]?\d+(\.\d)? pp \(95% interval .+ to .+\) · p-value .+ · (Significant|Not significant)$/)
    // Five charts now: the control group's too.
    await expect.poll(async () => { const drawn = await drawnPixels(page); return drawn.length === 5 && drawn.every((n) => n > 500) }).toBe(true)

    const csv = await downloadCsv(page)
    expect(csv.lines.find((l) => l.startsWith('Splits,ab,提醒方式 A/B,b,'))).toMatch(/,Winner$/)
    expect(csv.lines.find((l) => l.startsWith('Splits,ab,提醒方式 A/B,a,'))).toMatch(/,Reference,$/)
    const group = csv.lines.filter((l) => l.startsWith('Control group,'))
    expect(group[0]).toBe(`Control group,Control group (no messages),${report.controlGroup.control.contacts},${report.controlGroup.control.converted},${report.controlGroup.control.conversionRate},${csvNumber(report.controlGroup.control.interval.low)},${csvNumber(report.controlGroup.control.interval.high)},,`)
    expect(group[2]).toMatch(/^Control group,Lift,,,/)
    expect(csv.lines[csv.lines.indexOf(group[0]) - 1]).toBe('Section,Group,Contacts,Converted,Conversion / lift,95% interval low,95% interval high,p-value,Result')
    await screenshot(page, 'report-en.png')

    await page.evaluate(() => localStorage.setItem('kairos.locale', 'zh-CN'))
    await page.reload()
    await expect.poll(() => page.getByTestId('split-decision').innerText(), { timeout: 15_000 }).toMatch(/^自动择优：分支 b 于 .+ 胜出（版本 1，p 值 < 0\.001，要求置信度 95%）。该版本的新进入联系人将进入分支 b。$/)
    expect(await page.getByTestId('report-control-group').locator('h2').innerText()).toBe('全局对照组')
    expect(await page.getByTestId('control-lift').innerText()).toMatch(/^提升：[+-]?\d+(\.\d)? 个百分点（95% 置信区间 .+ 至 .+）/)
    await expect.poll(async () => { const drawn = await drawnPixels(page); return drawn.length === 5 && drawn.every((n) => n > 500) }).toBe(true)
    await screenshot(page, 'report-zh-CN.png')
    await page.evaluate(() => localStorage.removeItem('kairos.locale'))
    expect(browser.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([])
  })
})
