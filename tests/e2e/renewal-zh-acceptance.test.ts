// Issue 15's acceptance, end to end and in Chinese: a marketing operator with no API sets up
// everything the seed scenario 高级客户周期购续费提醒 needs from the browser alone — the first
// administrator, a WeCom channel and an SMS channel (to fakes on 127.0.0.1), a sales rep and their
// account, a coupon pool with codes from a file, 20 members imported from a CSV — then builds the
// renewal journey from the palette (3 days before subscription_end: remind the rep on WeCom at
// 09:00 each day, SMS with a coupon at 14:00, a call task the day before; an order ends it), sets 2 SMS a day
// and 21:00–09:00 quiet hours in the journey's settings, publishes, and watches the members enter.
// The rep signs in and completes the call task on the Tasks page.
//
// Not one API call is made outside the browser. Days pass the only way a browser test can make
// them pass on a real clock: the due times Kairos keeps (the date trigger's moments, waiting runs'
// wake times and their graphile-worker jobs) are moved to now in the database, as if the clock had
// reached them; what then happens is Kairos' own doing.
import { sql } from 'kysely'
import { connectDb } from '@kairos/server'
import { describe, expect, it } from 'vitest'
import type { E2EBrowser } from '../support/e2e-browser.ts'
import { canvasOf, waitFor } from '../support/e2e-canvas.ts'
import type { KairosProcess } from '../support/e2e-kairos-process.ts'
import { browserSession } from '../support/e2e-session.ts'
import { fakeHttpProvider } from '../support/fake-http-provider.ts'
import { fakeWecom } from '../support/fake-wecom.ts'

let kairos: KairosProcess
let browser: E2EBrowser
const ready = browserSession((started) => ({ browser, kairos } = started), { kairos: { bootstrapAdmin: false }, locale: 'zh-CN' })
// Pictures of each page for a person to look at (KAIROS_E2E_SHOTS=/tmp/shots); KAIROS_SCREENSHOTS=docs/images
// regenerates the two the README shows (the live journey and the rep's tasks).
const README_SHOTS = new Set(['renewal-live-zh', 'tasks-zh'])
const shot = async (name: string) => {
  if (process.env.KAIROS_E2E_SHOTS) await browser.page.screenshot({ path: `${process.env.KAIROS_E2E_SHOTS}/${name}.png` })
  if (process.env.KAIROS_SCREENSHOTS && README_SHOTS.has(name)) await browser.page.screenshot({ path: `${process.env.KAIROS_SCREENSHOTS}/${name}.png` })
}

const ADMIN = { email: 'wang.fang@shop.example', name: '王芳', password: 'wang-fang-admin-1' }
const REP = { email: 'li.wei@shop.example', name: '李伟', password: 'li-wei-sales-pass-1' }
const MEMBERS = 20
const STANDARD = new Set([7, 14]) // two members are not premium: the trigger's condition leaves them out
const PREMIUM = MEMBERS - STANDARD.size

/**
 * The members' timezone: one where it is now between 09:30 and 20:30, so the SMS the journey sends
 * "now" falls outside the 21:00–09:00 quiet hours whatever the hour CI runs at (Shanghai first).
 */
function daytimeZone(now: Date): string {
  const zones = ['Asia/Shanghai', 'Asia/Tokyo', 'Asia/Dubai', 'Europe/Berlin', 'Europe/London', 'America/Sao_Paulo', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Pacific/Honolulu', 'Pacific/Auckland', 'Asia/Kolkata']
  const minutes = (zone: string) => {
    const [h, m] = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now).split(':').map(Number)
    return h * 60 + m
  }
  const zone = zones.find((z) => minutes(z) >= 9 * 60 + 30 && minutes(z) <= 20 * 60 + 30)
  if (!zone) throw new Error('no daytime zone in the list for this hour')
  return zone
}

/** The local date `days` after today in `zone`, as YYYY-MM-DD. */
function localDate(zone: string, days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
  const date = new Date(`${today}T12:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** 20 members whose subscription ends in four days (so the "3 days before, 09:00" moment is tomorrow morning). */
function membersCsv(zone: string): string {
  const lines = ['会员编号,姓名,手机,等级,subscription_end,timezone,负责人']
  for (let i = 1; i <= MEMBERS; i++) {
    const n = String(i).padStart(2, '0')
    lines.push(`vip-${n},会员${n},+86138000000${n},${STANDARD.has(i) ? 'standard' : 'premium'},${localDate(zone, 4)},${zone},李伟`)
  }
  return lines.join('\r\n')
}

/** The clock reaching what Kairos is waiting for: the journey's date moments or its runs' wake times. */
async function reachDueTimes(what: 'moments' | 'waits', flowId: string): Promise<void> {
  const handle = connectDb(kairos.databaseUrl, { max: 1 })
  try {
    if (what === 'moments') {
      await sql`update date_trigger_moments set due_at = now() - interval '1 second' where flow_id = ${flowId} and due_at is not null`.execute(handle.db)
      await sql`select graphile_worker.reschedule_jobs(array(select id from graphile_worker.jobs where key = 'kairos:date-sweep'), run_at := now())`.execute(handle.db)
    } else {
      await sql`update runs set wake_at = now() where flow_id = ${flowId} and status = 'waiting' and wake_at > now()`.execute(handle.db)
      await sql`select graphile_worker.reschedule_jobs(array(select id from graphile_worker.jobs where task_identifier = 'kairos.advance' and run_at > now()), run_at := now())`.execute(handle.db)
    }
  } finally {
    await handle.close()
  }
}

/** How many of the journey's date moments the publish job has computed (read under the API: the job runs in the background). */
async function momentCount(flowId: string): Promise<number> {
  const handle = connectDb(kairos.databaseUrl, { max: 1 })
  try {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from date_trigger_moments where flow_id = ${flowId} and due_at is not null`.execute(handle.db)
    return rows[0].n
  } finally {
    await handle.close()
  }
}

describe('the renewal scenario, set up and run in the Chinese interface with no API', () => {
  it('sets up channels, a rep, a pool and contacts, builds and publishes the journey, and the rep completes the call', { timeout: 420_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    // WeCom's server API as WeCom answers it: a token for the right corp and secret, messages to the app's members.
    const wecom = fakeWecom({ corpId: 'ww-e2e-corp', secret: 'wecom-app-secret-e2e', agentId: 1000002, members: ['LiWei'] })
    const sms = fakeHttpProvider()
    const wecomUrl = await wecom.listen()
    const smsUrl = await sms.listen()
    const zone = daytimeZone(new Date())
    try {
      // First run, in the browser's language: Chinese.
      await page.goto(`${kairos.url}/#/flows`)
      await expect.poll(() => page.locator('h1').innerText()).toBe('创建第一个管理员')
      await page.getByTestId('setup-email').fill(ADMIN.email)
      await page.getByTestId('setup-name').fill(ADMIN.name)
      await page.getByTestId('setup-password').fill(ADMIN.password)
      await page.getByTestId('setup-confirm').fill(ADMIN.password)
      await page.getByTestId('setup-submit').click()
      await expect.poll(() => page.getByTestId('user-menu').innerText()).toContain(ADMIN.name)
      expect(await page.getByTestId('nav-settings').innerText()).toBe('设置')

      // 设置 → 渠道: the WeCom app that reminds reps, and the SMS provider.
      await page.getByTestId('nav-settings').click()
      await expect.poll(() => page.url()).toContain('#/settings/channels')
      const addChannel = async (name: string, kind: string, fill: () => Promise<void>) => {
        await page.getByTestId('add-channel').click()
        const form = page.getByTestId('channel-form')
        await form.getByTestId('channel-name').fill(name)
        await form.getByTestId('channel-kind').selectOption(kind)
        await fill()
        await form.getByTestId('channel-save').click()
        await expect.poll(() => page.locator(`[data-testid=channel-row][data-name="${name}"]`).count()).toBe(1)
      }
      await addChannel('sales-wecom', 'wecom.app', async () => {
        await page.locator('[data-field="body.config.baseUrl"] input').fill(wecomUrl)
        await page.locator('[data-field="body.config.corpId"] input').fill('ww-e2e-corp')
        await page.locator('[data-field="body.config.agentId"] input').fill('1000002')
        await page.getByTestId('secret-secret').fill('wecom-app-secret-e2e')
      })
      await addChannel('sms-main', 'sms.http', async () => {
        await page.locator('[data-field="body.config.url"] input').fill(`${smsUrl}/sms`)
        await page.getByTestId('secret-token').fill('sk-e2e-sms')
      })
      await shot('zh-settings-channels')

      // 销售: the rep, then their account (role 销售, linked to the rep).
      await page.goto(`${kairos.url}/#/settings/sales-reps`)
      await page.getByTestId('add-rep').click()
      await page.getByTestId('rep-name').fill(REP.name)
      await page.getByTestId('rep-id').fill('li.wei')
      await page.getByTestId('rep-team').fill('华东')
      await page.getByTestId('rep-wecom').fill('LiWei')
      await page.getByTestId('rep-save').click()
      await expect.poll(() => page.locator('[data-testid=rep-row][data-id="li.wei"]').count()).toBe(1)
      await page.goto(`${kairos.url}/#/settings/users`)
      await page.getByTestId('add-user').click()
      await page.getByTestId('user-email').fill(REP.email)
      await page.getByTestId('user-name').fill(REP.name)
      await page.getByTestId('user-role-new').selectOption('sales')
      await page.getByTestId('user-password').fill(REP.password)
      await page.getByTestId('rep-picker').selectOption('li.wei')
      await page.getByTestId('user-create-submit').click()
      await expect.poll(() => page.getByText(REP.email).count()).toBeGreaterThan(0)

      // 优惠券: a pool with 25 codes from a text file.
      await page.goto(`${kairos.url}/#/settings/coupon-pools`)
      await page.getByTestId('add-pool').click()
      await page.getByTestId('pool-name').fill('续费 85 折')
      await page.getByTestId('pool-id').fill('renewal-15off')
      await page.getByTestId('pool-save').click()
      const codes = Array.from({ length: 25 }, (_, i) => `RN15-${String(i + 1).padStart(4, '0')}`)
      await page.getByTestId('codes-file').setInputFiles({ name: '券码.txt', mimeType: 'text/plain', buffer: Buffer.from(codes.join('\n')) })
      await expect.poll(() => page.getByTestId('codes-accepted').innerText()).toContain('25')
      await page.getByTestId('codes-submit').click()
      await expect.poll(() => page.locator('[data-testid=pool-row][data-id="renewal-15off"] [data-testid=pool-remaining]').innerText()).toContain('25')

      // 联系人 → 导入: 20 members from a CSV, columns matched on the mapping step.
      await page.goto(`${kairos.url}/#/contacts`)
      await page.getByTestId('contacts-import').click()
      await page.getByTestId('import-file').setInputFiles({ name: '高级会员.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + membersCsv(zone)) })
      const mapping = page.getByTestId('import-mapping')
      const target = (column: string) => mapping.locator(`[data-testid=mapping-row][data-column="${column}"] [data-testid=mapping-target]`)
      // 负责人 is recognised as the owner; 会员编号 is not a header Kairos knows, so it is picked as the id.
      await expect.poll(() => target('负责人').inputValue()).toBe('owner')
      await target('会员编号').selectOption('externalId')
      for (const [column, attribute] of [['姓名', 'name'], ['手机', 'phone'], ['等级', 'tier']]) {
        await target(column).selectOption('attribute')
        await mapping.locator(`[data-testid=mapping-row][data-column="${column}"] [data-testid=mapping-key]`).fill(attribute)
      }
      await mapping.locator('[data-column="手机"] [data-testid=mapping-type]').selectOption('text')
      await shot('zh-contacts-import')
      await expect.poll(() => page.getByTestId('import-start').innerText()).toBe(`导入 ${MEMBERS} 位联系人`)
      await page.getByTestId('import-start').click()
      await expect.poll(() => page.getByTestId('import-result').innerText({ timeout: 1000 }).catch(() => ''), { timeout: 30_000 }).toContain(`${MEMBERS}`)

      // 旅程: the renewal journey from the palette, each step set through its form.
      await page.goto(`${kairos.url}/#/flows`)
      await page.getByTestId('new-flow').click()
      await page.getByTestId('flow-name').fill('高级客户周期购续费提醒')
      await page.getByTestId('flow-name').press('Enter')
      for (let i = 0; i < 3; i++) await page.locator('.vue-flow__controls-zoomout').click()
      // The palette finds steps by their Chinese names.
      await page.getByTestId('palette-search').fill('短信')
      await expect.poll(() => page.locator('[data-testid=palette-item][data-type="send.sms"]').count()).toBe(1)
      await page.getByTestId('palette-search').fill('')

      const due = await ui.drop('trigger.date', { x: 330, y: 30 })
      await page.getByTestId('node-label').fill('到期前 3 天')
      await ui.field('config.attribute').locator('input').fill('subscription_end')
      await ui.field('config.offset').locator('input').fill('-3d')
      await ui.field('config.at').getByTestId('time-of-day').fill('09:00')
      await ui.field('config.condition').getByTestId('condition-add').click()
      await ui.field('config.condition').getByTestId('add-attribute').click()
      await ui.field('config.condition').getByTestId('condition-attribute').fill('tier')
      await ui.field('config.condition').getByTestId('condition-value').fill('premium')

      const remind = await ui.drop('notify.wecom', { x: 330, y: 120 })
      await page.getByTestId('node-label').fill('提醒销售')
      await ui.field('config.channel').getByTestId('channel-picker').selectOption('sales-wecom')
      await ui.field('config.text').getByTestId('template-input').fill('续费提醒：{{ contact.name }} 的会员 {{ contact.subscription_end }} 到期，尚未下单。')

      const coupon = await ui.drop('coupon', { x: 330, y: 210 })
      await page.getByTestId('node-label').fill('发放续费券')
      await ui.field('config.pool').locator('input').fill('renewal-15off')

      const at14 = await ui.drop('wait.until', { x: 330, y: 300 })
      await page.getByTestId('node-label').fill('等到 14:00')
      await ui.field('config.at').getByTestId('time-of-day').fill('14:00')

      const text = await ui.drop('send.sms', { x: 330, y: 390 })
      await page.getByTestId('node-label').fill('续费短信')
      await ui.field('config.channel').getByTestId('channel-picker').selectOption('sms-main')
      await ui.field('config.text').getByTestId('template-input').fill('{{ contact.name }}您好，您的会员即将到期，续费券 {{ coupon.code }} 享 85 折。')

      // The next morning at 09:00, the rep is reminded again (a second column: "Tidy up" lays it out after).
      const at9 = await ui.drop('wait.until', { x: 600, y: 30 })
      await page.getByTestId('node-label').fill('次日 09:00')
      await ui.field('config.at').getByTestId('time-of-day').fill('09:00')
      const remindAgain = await ui.drop('notify.wecom', { x: 600, y: 120 })
      await page.getByTestId('node-label').fill('再次提醒销售')
      await ui.field('config.channel').getByTestId('channel-picker').selectOption('sales-wecom')
      await ui.field('config.text').getByTestId('template-input').fill('续费提醒：{{ contact.name }} 还有 2 天到期，仍未下单。')

      const dayBefore = await ui.drop('wait.until', { x: 600, y: 210 })
      await page.getByTestId('node-label').fill('到期前 1 天 09:00')
      await ui.field('config.at').getByTestId('time-of-day').fill('09:00')
      await ui.field('config.date').locator('button.add').click()
      await ui.field('config.date.attribute').locator('input').fill('subscription_end')
      await ui.field('config.date.offset').locator('input').fill('-1d')

      const call = await ui.drop('call', { x: 600, y: 300 })
      await page.getByTestId('node-label').fill('外呼任务')
      await ui.field('config.title').getByTestId('template-input').fill('续费外呼：{{ contact.name }}')

      // Both columns in view before connecting them.
      await page.getByTestId('fit').click()
      await ui.connect(due, 'next', remind)
      await ui.connect(remind, 'next', coupon)
      await ui.connect(coupon, 'next', at14)
      await ui.connect(at14, 'next', text)
      await ui.connect(text, 'next', at9)
      await ui.connect(at9, 'next', remindAgain)
      await ui.connect(remindAgain, 'next', dayBefore)
      await ui.connect(dayBefore, 'next', call)
      await page.getByTestId('tidy-up').click()
      await shot('zh-canvas-renewal')

      // 旅程设置: 2 marketing SMS a day, none 21:00–09:00, an order ends the journey (its goal).
      await page.getByTestId('tab-journey').click()
      const settings = page.getByTestId('journey-settings')
      await settings.getByTestId('cap-add').click()
      const cap = settings.getByTestId('cap-row').first()
      await cap.getByTestId('cap-max').fill('2')
      await cap.getByTestId('cap-channel').selectOption('sms')
      await cap.getByTestId('cap-amount').fill('1')
      await cap.getByTestId('cap-unit').selectOption('d')
      await settings.getByTestId('quiet-own').check()
      await settings.locator('[data-testid=quiet-from] [data-part=hour]').selectOption('21')
      await settings.locator('[data-testid=quiet-to] [data-part=hour]').selectOption('09')
      await expect.poll(() => settings.getByTestId('quiet-help').innerText()).toContain('21:00 至 09:00 之间不发送营销消息')
      expect(await settings.getByTestId('caps-sentences').innerText()).toContain('2')
      await settings.getByTestId('goal-on').check()
      await settings.getByTestId('goal-event').fill('order_placed')
      await settings.getByTestId('goal-event').press('Tab')
      await settings.getByTestId('goal-ends').check()
      await shot('zh-journey-settings')
      await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved')

      // 发布: it goes live; the background job finds every member's moment.
      await page.getByTestId('publish').click()
      const confirm = page.getByTestId('publish-confirm')
      if (await confirm.isVisible().catch(() => false)) await confirm.click()
      await expect.poll(() => page.getByTestId('flow-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('active')
      const flowId = decodeURIComponent(new URL(page.url()).hash.split('/')[2])
      await waitFor(() => momentCount(flowId), (n) => n === MEMBERS, 'every member’s date moment', 30_000)

      // Tomorrow 09:00 comes: the premium members enter, and the counters move without a reload.
      expect(await ui.counter(due, 'entered')).toBe(0)
      await reachDueTimes('moments', flowId)
      await expect.poll(() => ui.counter(due, 'entered'), { timeout: 90_000 }).toBe(PREMIUM)
      await expect.poll(() => ui.counter(at14, 'waiting'), { timeout: 20_000 }).toBe(PREMIUM)
      // The rep gets each reminder in WeCom itself, from the app, by their WeCom id; one token for all.
      await expect.poll(() => wecom.accepted.length, { timeout: 20_000 }).toBe(PREMIUM)
      expect(wecom.accepted[0].json).toMatchObject({ touser: 'LiWei', agentid: 1000002, msgtype: 'text' })
      expect(String(wecom.accepted[0].json.text.content)).toMatch(/^续费提醒：会员\d\d 的会员 \d{4}-\d\d-\d\d 到期，尚未下单。$/)
      expect(wecom.tokenRequests).toBe(1)
      await ui.select(remind)
      for (let i = 0; i < 2; i++) await page.locator('.vue-flow__controls-zoomout').click()
      await shot('renewal-live-zh')

      // 14:00: each gets one SMS with their own coupon code.
      await reachDueTimes('waits', flowId)
      await expect.poll(() => ui.counter(at9, 'waiting'), { timeout: 30_000 }).toBe(PREMIUM)
      await expect.poll(() => sms.received.length, { timeout: 30_000 }).toBe(PREMIUM)
      const bodies = sms.received.map((r) => String((r.body as { body: string }).body))
      expect(new Set(bodies.map((b) => /RN15-\d{4}/.exec(b)?.[0])).size).toBe(PREMIUM)
      expect(bodies[0]).toMatch(/^会员\d\d您好，您的会员即将到期，续费券 RN15-\d{4} 享 85 折。$/)

      // The next morning: the rep is reminded again (the same token still serves).
      await reachDueTimes('waits', flowId)
      await expect.poll(() => ui.counter(dayBefore, 'waiting'), { timeout: 30_000 }).toBe(PREMIUM)
      await expect.poll(() => wecom.accepted.length, { timeout: 20_000 }).toBe(2 * PREMIUM)
      expect(String(wecom.accepted.at(-1)!.json.text.content)).toMatch(/^续费提醒：会员\d\d 还有 2 天到期，仍未下单。$/)
      expect(wecom.tokenRequests).toBe(1)

      // The day before: a call task for the rep.
      await reachDueTimes('waits', flowId)
      await expect.poll(() => ui.counter(call, 'waiting'), { timeout: 30_000 }).toBe(PREMIUM)

      // The rep signs in on the login page and logs the first call on the Tasks page.
      await page.getByTestId('user-menu').click()
      await page.getByTestId('logout').click()
      await expect.poll(() => page.getByTestId('login-form').count()).toBe(1)
      await page.getByTestId('login-email').fill(REP.email)
      await page.getByTestId('login-password').fill(REP.password)
      await page.getByTestId('login-submit').click()
      await expect.poll(() => page.getByTestId('user-role').innerText()).toBe('销售')
      await page.goto(`${kairos.url}/#/tasks`)
      const rows = page.getByTestId('task-row')
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(PREMIUM)
      const first = rows.first()
      expect(await first.innerText()).toContain('高级客户周期购续费提醒')
      await shot('tasks-zh')
      await first.getByTestId('task-complete').click()
      const dialog = page.getByTestId('complete-task')
      await dialog.getByTestId('outcome-answered').check()
      await dialog.getByTestId('task-notes').fill('客户同意续费')
      await dialog.getByTestId('task-complete-submit').click()
      await expect.poll(() => rows.count()).toBe(PREMIUM - 1)
      expect(browser.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([])
    } catch (error) {
      if (process.env.KAIROS_E2E_SHOTS) await page.screenshot({ path: `${process.env.KAIROS_E2E_SHOTS}/failure.png`, fullPage: true })
      throw error
    } finally {
      await wecom.close()
      await sms.close()
    }
  })
})
