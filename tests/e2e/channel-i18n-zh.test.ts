// Channel kinds and call tasks in the Chinese interface, end to end: the channel form names each
// kind and labels, explains and offers its settings from the kind's own zh-CN (the AccessKey hint
// pointing into Aliyun's console), the channels list and a step's channel picker name kinds in
// Chinese, and a call task's number reads 电话 on the Tasks page — also for a task made before
// the number was stored alone ("Phone: …").
import { sql } from 'kysely'
import { connectDb } from '@kairos/server'
import { describe, expect, it } from 'vitest'
import type { E2EBrowser } from '../support/e2e-browser.ts'
import { canvasOf } from '../support/e2e-canvas.ts'
import type { KairosProcess } from '../support/e2e-kairos-process.ts'
import { browserSession } from '../support/e2e-session.ts'

let kairos: KairosProcess
let browser: E2EBrowser
const ready = browserSession((started) => ({ browser, kairos } = started), { locale: 'zh-CN' })
const shot = async (name: string) => {
  if (process.env.KAIROS_E2E_SHOTS) await browser.page.screenshot({ path: `${process.env.KAIROS_E2E_SHOTS}/${name}.png`, fullPage: true })
}

describe('channel kinds and call tasks in zh-CN', () => {
  it('shows the channel form, list and picker in Chinese from the kinds\' own translations', { timeout: 90_000 }, async () => {
    ready()
    const { page } = browser
    await page.goto(`${kairos.url}/#/settings/channels`)
    await page.getByTestId('add-channel').click()
    const form = page.getByTestId('channel-form')
    const kindOptions = await form.getByTestId('channel-kind').locator('option').allInnerTexts()
    expect(kindOptions).toEqual(expect.arrayContaining(['阿里云短信 (sms.aliyun)', '短信网关 (HTTP) (sms.http)', '企业微信应用 (wecom.app)', '公众号模板消息 (wechat.template)']))
    await form.getByTestId('channel-kind').selectOption('sms.aliyun')
    const signName = form.locator('[data-field="body.config.signName"]')
    await expect.poll(() => signName.locator('.field-label').innerText()).toContain('短信签名')
    expect(await signName.locator('.help').innerText()).toBe('短信控制台中审核通过的签名，例如 凯洛斯商城')
    // A secret's label and its help, from the same translation.
    const secret = form.getByTestId('secret-accessKeySecret').locator('..')
    expect(await secret.innerText()).toContain('AccessKey Secret')
    await shot('zh-channel-form-aliyun')
    await form.getByTestId('channel-kind').selectOption('wechat.template')
    const tokenApi = form.locator('[data-field="body.config.tokenApi"]')
    await expect.poll(() => tokenApi.getByRole('radio').allInnerTexts()).toEqual(['稳定版 (stable_token)', '传统版 (token)'])

    await form.getByTestId('channel-kind').selectOption('sms.aliyun')
    await form.getByTestId('channel-name').fill('sms-aliyun')
    await form.locator('[data-field="body.config.accessKeyId"] input').fill('LTAI5tE2E')
    await form.locator('[data-field="body.config.signName"] input').fill('凯洛斯商城')
    await form.locator('[data-field="body.config.endpoint"] input').fill('http://127.0.0.1:9/aliyun')
    await form.getByTestId('secret-accessKeySecret').fill('aliyun-secret-e2e')
    await form.getByTestId('secret-receiptToken').fill('aliyun-receipt-token-e2e')
    await form.getByTestId('channel-save').click()
    const row = page.locator('[data-testid=channel-row][data-name="sms-aliyun"]')
    await expect.poll(() => row.innerText()).toContain('阿里云短信')
    expect(await row.innerText()).toContain('短信签名: 凯洛斯商城')
    expect(await row.innerText()).toContain('AccessKey Secret: 已设置')
    await shot('zh-channels-list')

    // A webhook step with no webhook channel yet: the picker names the kind in Chinese.
    const created = await kairos.api('POST', '/api/flows', {
      name: '渠道名称',
      graph: {
        nodes: [
          { id: 'start', type: 'trigger.event', config: { event: 'signed_up' }, position: { x: 0, y: 0 } },
          { id: 'crm', type: 'webhook', config: {}, position: { x: 0, y: 150 } },
        ],
        edges: [{ source: 'start', sourcePort: 'next', target: 'crm' }],
      },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    await page.goto(`${kairos.url}/#/flows/${created.body.id}`)
    const ui = canvasOf(page)
    await ui.select('crm')
    await expect.poll(() => ui.field('config.channel').getByTestId('channel-none').innerText()).toBe('还没有“Webhook”渠道。 新建渠道…')
  })

  it('labels a call task\'s number 电话 on the Tasks page, an old task\'s "Phone: …" too', { timeout: 90_000 }, async () => {
    ready()
    const { page } = browser
    expect((await kairos.api('PUT', '/api/sales-reps/li.wei', { name: '李伟' })).status).toBe(200)
    const graph = {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'renewal_due' } },
        { id: 'call', type: 'call', config: { mode: 'task', timeout: '1d' } },
      ],
      edges: [{ source: 'in', target: 'call' }],
    }
    const flow = await kairos.api('POST', '/api/flows', { name: '续费外呼', graph })
    expect((await kairos.api('POST', `/api/flows/${flow.body.id}/publish`, {})).status).toBe(200)
    for (const [id, phone] of [['m-001', '+8613700000001'], ['m-002', '+8613700000002']]) {
      await kairos.api('PUT', `/api/contacts/${id}`, { attributes: { name: `会员${id.slice(-1)}`, phone }, ownerId: 'li.wei' })
      await kairos.api('POST', '/api/events', { contact: id, name: 'renewal_due' })
    }
    await expect.poll(async () => (await kairos.api('GET', '/api/tasks?rep=li.wei')).body.tasks.length, { timeout: 15_000 }).toBe(2)
    const tasks = (await kairos.api('GET', '/api/tasks?rep=li.wei')).body.tasks as Array<{ id: string; contact: string; notes: string }>
    expect(tasks.find((t) => t.contact === 'm-001')?.notes).toBe('+8613700000001')
    // A task a call step made before: its notes as they were then written.
    const old = tasks.find((t) => t.contact === 'm-002')!
    const handle = connectDb(kairos.databaseUrl, { max: 1 })
    try {
      await sql`update tasks set notes = 'Phone: +8613700000002' where id = ${old.id}`.execute(handle.db)
    } finally {
      await handle.close()
    }

    await page.goto(`${kairos.url}/#/tasks`)
    const phones = page.getByTestId('task-phone')
    await expect.poll(() => phones.allInnerTexts()).toEqual(['电话：+8613700000001', '电话：+8613700000002'])
    expect(await phones.first().locator('a').getAttribute('href')).toBe('tel:+8613700000001')
    await shot('zh-tasks')
  })
})
