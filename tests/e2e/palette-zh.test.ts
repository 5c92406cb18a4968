// The editor in Chinese from the nodes' own translations, in a browser whose language is zh-CN:
// the palette names and describes steps in Chinese, search finds a step by its Chinese or its
// English words (in either interface), and a dropped step's form and ports read in Chinese.
// KAIROS_SCREENSHOTS=docs/images regenerates palette-zh-CN.png and node-form-zh-CN.png.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { E2EBrowser } from '../support/e2e-browser.ts'
import { canvasOf } from '../support/e2e-canvas.ts'
import type { KairosProcess } from '../support/e2e-kairos-process.ts'
import { browserSession } from '../support/e2e-session.ts'

let kairos: KairosProcess
let browser: E2EBrowser
const ready = browserSession((started) => ({ browser, kairos } = started), { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
const shots = process.env.KAIROS_SCREENSHOTS

const paletteTypes = () => browser.page.getByTestId('palette-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')))
const titleOf = (type: string) => browser.page.locator(`[data-testid=palette-item][data-type="${type}"] .title`).innerText()

async function openNewJourney(name: string): Promise<string> {
  const created = await kairos.api('POST', '/api/flows', { name, graph: { nodes: [], edges: [] } })
  expect(created.status).toBe(201)
  await browser.page.goto(`${kairos.url}/#/flows/${created.body.id}`)
  await expect.poll(() => browser.page.getByTestId('palette-item').count(), { timeout: 15_000 }).toBeGreaterThan(10)
  return created.body.id as string
}

describe('the palette and forms in Chinese', () => {
  it('shows Chinese titles and finds the SMS step by 短信 and by sms', { timeout: 90_000 }, async () => {
    ready()
    const { page } = browser
    await openNewJourney('高级客户续费提醒')
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN')

    expect(await titleOf('trigger.event')).toBe('事件触发')
    expect(await titleOf('trigger.date')).toBe('日期触发')
    expect(await titleOf('wait')).toBe('等待')
    expect(await titleOf('branch')).toBe('条件分支')
    expect(await titleOf('split')).toBe('A/B 拆分')
    expect(await titleOf('assign.sales')).toBe('分配销售')
    expect(await titleOf('call')).toBe('外呼任务')
    expect(await titleOf('send.sms')).toBe('发送短信')
    // The description too, from the node's translation.
    expect(await page.locator('[data-testid=palette-item][data-type="wait"] .desc').innerText()).toBe('让旅程暂停一段时间，例如 30 分钟或 3 天。')
    // Category headings in Chinese, and no English node title left in the list (catalog or node's own).
    const headings = await page.getByTestId('palette').locator('h4').allInnerTexts()
    expect(headings.length).toBeGreaterThan(3)
    for (const h of headings) expect(h).toMatch(/[\u4e00-\u9fff]/)
    const titles = await page.getByTestId('palette').locator('.title').allInnerTexts()
    for (const title of titles) expect(title).toMatch(/[\u4e00-\u9fff]/)

    if (shots) {
      await page.setViewportSize({ width: 1280, height: 1000 })
      await page.screenshot({ path: join(shots, 'palette-zh-CN.png') })
      await page.setViewportSize({ width: 1280, height: 800 })
    }

    const search = page.getByTestId('palette-search')
    await search.fill('短信')
    await expect.poll(paletteTypes).toContain('send.sms')
    expect(await paletteTypes()).not.toContain('wait')
    await search.fill('sms')
    await expect.poll(paletteTypes).toContain('send.sms')
    expect(await paletteTypes()).not.toContain('branch')
    // A Chinese word only the node's own translation has (not the editor's catalog).
    await search.fill('对照组')
    await expect.poll(paletteTypes).toEqual(['split'])
    await search.fill('')
  })

  it("draws a dropped step's form, choices and ports in Chinese", { timeout: 90_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    await openNewJourney('生日优惠券')

    const date = await ui.drop('trigger.date', { x: 260, y: 90 })
    await expect.poll(() => ui.panel.locator('h2').innerText()).toBe('日期触发')
    expect(await ui.field('config.attribute').locator('.field-label').innerText()).toContain('日期属性')
    expect(await ui.field('config.attribute').locator('.help').innerText()).toBe('存放日期的联系人属性，例如 birthday（生日）或 subscription_end（订阅到期日）')
    expect(await ui.field('config.at').locator('.field-label').innerText()).toContain('触发时刻')
    const repeat = ui.field('config.repeat')
    expect(await repeat.locator('.field-label').innerText()).toContain('重复')
    expect(await repeat.locator('[role=radio]').allInnerTexts()).toEqual(['仅一次', '每年'])
    // A choice's label is only what is shown: the value saved stays the schema's.
    await repeat.locator('[role=radio]', { hasText: '每年' }).click()
    await expect.poll(() => repeat.locator('[role=radio][aria-checked=true]').innerText()).toBe('每年')
    // The new step's name on the canvas is its Chinese title.
    expect(await ui.node(date).locator('.label').innerText()).toBe('日期触发')

    const wait = await ui.drop('wait.event', { x: 260, y: 300 })
    expect(await ui.node(wait).locator('.port-label').allInnerTexts()).toEqual(['已发生', '超时'])
    expect(await ui.node(wait).locator('.port-label').evaluateAll((els) => els.map((e) => e.getAttribute('data-port')))).toEqual(['received', 'timeout'])
    expect(await ui.field('config.timeout').locator('.field-label').innerText()).toContain('最长等待')

    const call = await ui.drop('call', { x: 620, y: 300 })
    await expect.poll(() => ui.node(call).locator('.port-label').allInnerTexts()).toEqual(['已接通', '无人接听', '占线', '超时', '失败', '已拦截'])
    expect(await ui.field('config.mode').locator('[role=radio]').allInnerTexts()).toEqual(['销售任务', '呼叫平台'])
    // The line under its title names its fields and choices from the node's translations too.
    expect(await ui.node(call).locator('.summary').innerText()).toMatch(/^外呼方式: 销售任务 · 任务标题: /)

    // A branch's ports are named in its form; the names the editor proposes read in Chinese.
    const branch = await ui.drop('branch', { x: 260, y: 520 })
    await expect.poll(() => ui.node(branch).locator('.port-label').allInnerTexts()).toEqual(['是', '否'])
    expect(await ui.field('config.branches').locator('.field-label').first().innerText()).toContain('分支')
    expect(await ui.panel.getByTestId('array-add').innerText()).toBe('+ 添加分支')
    // The condition builder around the node's fields speaks Chinese too.
    const builder = ui.panel.getByTestId('condition-builder').first()
    expect(await builder.locator('.words').innerText()).toBe('还没有条件')
    await builder.getByTestId('add-tag').click()
    await builder.getByTestId('condition-tag').fill('vip')
    await expect.poll(() => builder.locator('.words').innerText()).toBe('有标签“vip”')
    await expect.poll(() => ui.node(branch).locator('.summary').innerText()).toBe('是: 有标签“vip”')
    expect(await builder.getByTestId('condition-kind').first().locator('option').allInnerTexts()).toEqual(['满足全部', '满足任一', '不满足', '属性', '有标签', '发生过事件'])

    await ui.select(date)
    if (shots) {
      await page.setViewportSize({ width: 1280, height: 1000 })
      await page.mouse.move(640, 980)
      await page.screenshot({ path: join(shots, 'node-form-zh-CN.png') })
      await page.setViewportSize({ width: 1280, height: 800 })
    }
    expect(browser.errors).toEqual([])
  })

  it('finds the SMS step by 短信 in the English interface too, and shows English there', { timeout: 60_000 }, async () => {
    ready()
    const { page } = browser
    await openNewJourney('Renewal reminder')
    // The language switch in the user menu keeps the choice here, over the browser's language.
    await page.evaluate(() => localStorage.setItem('kairos.locale', 'en'))
    await page.reload()
    await expect.poll(() => titleOf('trigger.date'), { timeout: 15_000 }).toBe('On a date')
    expect(await titleOf('trigger.date')).toBe('On a date')
    expect(await titleOf('call')).toBe('Call')
    await page.getByTestId('palette-search').fill('短信')
    await expect.poll(paletteTypes).toContain('send.sms')
    await page.getByTestId('palette-search').fill('外呼')
    await expect.poll(paletteTypes).toEqual(['call'])
    await page.evaluate(() => localStorage.removeItem('kairos.locale'))
  })
})
