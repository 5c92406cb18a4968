// The starter library in the editor, in Chinese: the journeys list opens the gallery of
// templates, the premium-renewal starter is imported with the workspace's WeCom robot, SMS
// channel and coupon pool picked in the dialog, and its steps open on the canvas, named in
// Chinese and ready to publish. KAIROS_SCREENSHOTS=docs/images regenerates
// starters-gallery-zh-CN.png, starters-import-zh-CN.png and starters-canvas-zh-CN.png.
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

async function put(url: string, body: unknown): Promise<void> {
  const answer = await kairos.api('PUT', url, body)
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
}

/**
 * Opens the starter gallery as a person would: a workspace with no journey shows it by itself once
 * the list has loaded, otherwise its button opens it. While the list loads the button shows and
 * then goes (the gallery takes its place), so it is clicked only while it is there.
 */
async function openGallery(): Promise<void> {
  const { page } = browser
  const gallery = page.getByTestId('starter-gallery')
  await expect
    .poll(async () => {
      if ((await gallery.count()) > 0) return true
      await page.getByTestId('open-starters').click({ timeout: 1000 }).catch(() => undefined)
      return (await gallery.count()) > 0
    }, { timeout: 15_000 })
    .toBe(true)
}

describe('the starter library', () => {
  it('imports the renewal starter from the gallery in Chinese and opens its steps on the canvas', { timeout: 120_000 }, async () => {
    ready()
    const { page } = browser
    await put('/api/channels/sales-robot', { kind: 'wecom.robot', config: { webhookUrl: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=k' } })
    await put('/api/channels/sms-main', { kind: 'sms.http', config: { url: 'http://127.0.0.1:9/sms' } })
    await put('/api/channels/mail', { kind: 'email.smtp', config: { host: '127.0.0.1', port: 2525, from: 'hello@shop.example' } })
    await put('/api/coupon-pools/renewal', { name: '续费券' })
    // A second pool: the dialog must then ask, and the test picks it by name.
    await put('/api/coupon-pools/spring', { name: '春季券' })

    await page.setViewportSize({ width: 1280, height: 900 })
    await page.goto(`${kairos.url}/#/flows`)
    const gallery = page.getByTestId('starter-gallery')
    await openGallery()
    await expect.poll(() => gallery.getByTestId('starter-card').count(), { timeout: 15_000 }).toBe(6)
    expect(await gallery.locator('h2').innerText()).toBe('从模板开始')
    const titles = await gallery.locator('[data-testid=starter-card] h3').allInnerTexts()
    expect(titles).toEqual(['新会员欢迎', '购物车挽回', '生日优惠券', '高级会员续费提醒', '沉睡客户唤醒', '线索培育并转交销售'])
    const renewal = gallery.locator('[data-starter="premium-renewal"]')
    expect(await renewal.locator('.chip').allInnerTexts()).toEqual(['企业微信群机器人', '短信渠道', '优惠券池'])
    expect(await renewal.locator('.meta').innerText()).toBe('按联系人的日期开始 · 11 个步骤')
    expect(await renewal.locator('.description').innerText()).toContain('到期前 3 天')
    if (shots) await page.screenshot({ path: join(shots, 'starters-gallery-zh-CN.png') })

    await renewal.getByTestId('starter-use').click()
    const dialog = page.getByTestId('starter-import')
    await expect.poll(() => dialog.locator('h2').innerText()).toBe('使用“高级会员续费提醒”')
    expect(await dialog.getByTestId('starter-language').inputValue()).toBe('zh-CN')
    expect(await dialog.getByTestId('starter-name').inputValue()).toBe('高级会员续费提醒')
    // The only channel of each kind is picked for the team; only the channels of that kind are offered.
    const wecom = dialog.locator('[data-testid=starter-channel][data-need="sales-wecom"]')
    await expect.poll(() => wecom.inputValue()).toBe('sales-robot')
    expect(await wecom.locator('option').allInnerTexts()).toEqual(['稍后再选', 'sales-robot'])
    expect(await dialog.locator('[data-testid=starter-channel][data-need="sms-marketing"]').inputValue()).toBe('sms-main')
    // Two pools: nothing is guessed, and "decide later" says what happens then.
    const pool = dialog.locator('[data-testid=starter-pool][data-need="renewal-coupons"]')
    expect(await pool.inputValue()).toBe('')
    expect(await dialog.innerText()).toContain('稍后再选的项目会在发布时标出')
    await pool.selectOption({ label: '续费券 (renewal)' })
    await dialog.getByTestId('starter-name').fill('高级会员续费提醒（春季）')
    if (shots) await page.screenshot({ path: join(shots, 'starters-import-zh-CN.png') })
    await dialog.getByTestId('starter-create').click()

    // The new draft opens on the canvas with the starter's eleven steps, named in Chinese.
    await expect.poll(() => new URL(page.url()).hash, { timeout: 15_000 }).toMatch(/^#\/flows\/[0-9a-f-]{36}$/)
    const flowId = new URL(page.url()).hash.split('/')[2]
    await expect.poll(() => page.getByTestId('canvas-node').count(), { timeout: 15_000 }).toBe(11)
    const ui = canvasOf(page)
    expect(await ui.node('three-days-before').innerText()).toContain('到期前 3 天 9:00')
    expect(await ui.node('remind3').innerText()).toContain('提醒销售（剩 3 天）')
    expect(await ui.node('call').innerText()).toContain('销售外呼续费')
    if (shots) {
      // The whole journey in the picture: fitted, after the fit's short animation.
      await page.setViewportSize({ width: 1280, height: 1100 })
      await page.getByTestId('fit').click()
      await page.waitForTimeout(500)
      await page.screenshot({ path: join(shots, 'starters-canvas-zh-CN.png') })
    }

    // What the dialog bound is in the draft, which publishes as it is.
    const flow = (await kairos.api('GET', `/api/flows/${flowId}`)).body
    expect(flow.name).toBe('高级会员续费提醒（春季）')
    const config = (id: string) => flow.graph.nodes.find((n: { id: string }) => n.id === id).config
    expect([config('remind3').channel, config('sms').channel, config('coupon').pool]).toEqual(['sales-robot', 'sms-main', 'renewal'])
    const published = await kairos.api('POST', `/api/flows/${flowId}/publish`, {})
    expect(published.status, JSON.stringify(published.body)).toBe(200)
  })

  it("leaves a channel decided later as its placeholder, which the step's form calls out", { timeout: 90_000 }, async () => {
    ready()
    const { page } = browser
    await page.goto(`${kairos.url}/#/flows`)
    // The workspace has a journey now: the gallery waits behind its button.
    await openGallery()
    await page.locator('[data-starter="welcome"]').getByTestId('starter-use').click()
    const dialog = page.getByTestId('starter-import')
    const email = dialog.locator('[data-testid=starter-channel][data-need="email-main"]')
    await expect.poll(() => email.inputValue()).toBe('mail')
    await email.selectOption('')
    await dialog.getByTestId('starter-create').click()
    await expect.poll(() => page.getByTestId('canvas-node').count(), { timeout: 15_000 }).toBe(4)
    const ui = canvasOf(page)
    await ui.select('welcome')
    await expect.poll(() => ui.field('config.channel').getByTestId('channel-missing').innerText(), { timeout: 10_000 }).toContain('email-main')
    expect(await ui.field('config.channel').getByTestId('channel-picker').inputValue()).toBe('email-main')
  })
})
