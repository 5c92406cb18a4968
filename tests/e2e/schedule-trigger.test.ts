// Scheduled journeys in the editor, end to end: Kairos started like `pnpm start`, Debian's
// Chromium driving the page. An operator builds "every Monday at 09:00, the members of a
// saved segment get a tag" from the palette, picks the segment by name, publishes, and sees
// the next tick on the trigger's panel; a schedule that ticks every minute shows its ticks as
// they happen; a deleted segment stays visible in the picker; the change and date triggers'
// forms take what an operator types; a published date trigger shows who it enters soon.
import { join } from 'node:path'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { connectDb } from '@kairos/server'
import type { E2EBrowser } from '../support/e2e-browser.ts'
import { canvasOf } from '../support/e2e-canvas.ts'
import type { KairosProcess } from '../support/e2e-kairos-process.ts'
import { browserSession } from '../support/e2e-session.ts'

let kairos: KairosProcess
let browser: E2EBrowser
// KAIROS_SCREENSHOTS=docs/images regenerates docs/images/schedule-trigger.png from this journey.
const shots = process.env.KAIROS_SCREENSHOTS
const shoot = async (name: string) => {
  if (!shots) return
  await browser.page.getByTestId('palette').evaluate((el) => el.scrollTo(0, 0))
  await browser.page.screenshot({ path: join(shots, name) })
}
// KAIROS_E2E_DEBUG=1: pictures of every form along the way, in /tmp, to look at.
const debugShot = async (name: string) => {
  if (process.env.KAIROS_E2E_DEBUG) await browser.page.screenshot({ path: `/tmp/kairos-e2e-${name}.png` })
}

// An operator in New York running a schedule for Berlin: the panel's three clocks differ.
const ready = browserSession((started) => ({ browser, kairos } = started), { timezoneId: 'America/New_York' })

async function createSegment(name: string, condition: unknown): Promise<string> {
  const created = await kairos.api('POST', '/api/segments', { name, condition })
  expect(created.status).toBe(201)
  return created.body.id
}

/** The flow open in the editor, from the page's address (#/flows/:id). */
function openFlowId(): string {
  return decodeURIComponent(new URL(browser.page.url()).hash.split('/')[2])
}

async function publishAs(name: string): Promise<void> {
  const { page } = browser
  await page.getByTestId('publish').click()
  // A fresh browser profile: the editor asks once who is publishing.
  if (await page.getByTestId('prompt-input').isVisible().catch(() => false)) {
    await page.getByTestId('prompt-input').fill(name)
    await page.getByTestId('prompt-confirm').click()
  }
  await expect.poll(() => page.getByTestId('flow-status').getAttribute('data-status')).toBe('active')
}

describe('scheduled journeys in the editor', () => {
  it('builds "Mondays at 09:00, a segment gets a tag", publishes it and shows the next tick', { timeout: 120_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    const pricing = await createSegment('Pricing-page lookers', { all: [{ event: 'viewed_pricing', within: '7d' }, { not: { tag: 'customer' } }] })
    await createSegment('VIP customers', { tag: 'vip' })

    await page.goto(`${kairos.url}/#/flows`)
    await page.getByTestId('new-flow').click()
    await page.getByTestId('flow-name').fill('Pricing follow-up')
    await page.getByTestId('flow-name').press('Enter')

    const schedule = await ui.drop('trigger.schedule', { x: 330, y: 60 })
    await page.getByTestId('node-label').fill('Mondays at 09:00')
    await ui.field('config.at').locator('input').fill('09:00')
    await ui.field('config.days').getByRole('button', { name: 'mon' }).click()
    expect(await ui.field('config.days').getByRole('button', { name: 'mon' }).getAttribute('aria-pressed')).toBe('true')
    // 09:00 where the team is, whatever the journey's zone (UTC here).
    await ui.field('config.timezone').locator('input').fill('Europe/Berlin')
    await ui.field('config.timezone').locator('input').press('Tab')
    // The segment field is a picker of saved segments by name, not a box for a uuid.
    const picker = ui.field('config.segment').getByTestId('segment-picker')
    await expect.poll(() => picker.locator('option').allInnerTexts()).toEqual(['— no segment —', 'Pricing-page lookers', 'VIP customers'])
    await picker.selectOption({ label: 'Pricing-page lookers' })
    await expect.poll(() => ui.field('config.segment').innerText()).toContain('viewed_pricing')
    // The optional condition stays out of the config until asked for: one audience, the segment.
    expect(await ui.field('config.condition').getByTestId('condition-add').isVisible()).toBe(true)

    const tag = await ui.drop('tag', { x: 330, y: 230 })
    await page.getByTestId('node-label').fill('Tag for follow-up')
    await ui.field('config.add').locator('input').fill('pricing-follow-up')
    await ui.field('config.add').locator('input').press('Enter')
    await ui.connect(schedule, 'next', tag)
    await expect.poll(() => ui.node(schedule).locator('.summary').innerText()).toBe('Mon at 09:00 · a segment')

    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved')
    const flowId = openFlowId()
    const draft = (await kairos.api('GET', `/api/flows/${flowId}`)).body
    expect(draft.graph.nodes.find((n: { id: string }) => n.id === schedule).config).toEqual({ missed: 'run', at: '09:00', days: ['mon'], timezone: 'Europe/Berlin', segment: pricing })
    expect(draft.graph.edges).toEqual([{ source: schedule, sourcePort: 'next', target: tag }])

    await publishAs('E2E Scheduler')
    expect((await kairos.api('GET', `/api/flows/${flowId}`)).body).toMatchObject({ status: 'active', publishedVersion: 1 })

    // The trigger's panel: the next tick, a Monday at 09:00 in Berlin, shown in the browser's
    // zone, as the exact UTC instant, and in the schedule's own zone.
    await ui.select(schedule)
    const next = ui.panel.getByTestId('schedule-next')
    await expect.poll(() => next.getAttribute('data-at')).toMatch(/^\d{4}-\d\d-\d\dT0[78]:00:00\.000Z$/)
    const at = new Date((await next.getAttribute('data-at'))!)
    const inBerlin = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(at)
    expect(inBerlin).toBe('Mon 09:00')
    expect((await kairos.api('GET', `/api/flows/${flowId}/ticks`)).body.next).toEqual([{ node: schedule, at: at.toISOString() }])
    expect(await next.innerText()).toContain(`UTC ${at.toISOString().replace('.000Z', 'Z')}`)
    expect(await next.innerText()).toMatch(/Europe\/Berlin: Mon, .*09:00/)
    expect(await ui.panel.getByTestId('schedule-section').innerText()).toContain('None yet')
    if (shots || process.env.KAIROS_E2E_DEBUG) {
      // Tall enough for the whole story in one picture: the next tick and, below the time and
      // days, the segment picked by name.
      await page.setViewportSize({ width: 1280, height: 1000 })
      await page.getByRole('button', { name: 'Fit' }).click()
      await page.mouse.move(640, 900) // off the button, so it is not drawn hovered
      await expect.poll(() => page.getByTestId('published-banner').count(), { timeout: 10_000 }).toBe(0)
      await shoot('schedule-trigger.png')
      await debugShot('schedule-form')
      await page.setViewportSize({ width: 1280, height: 800 })
    }
    expect(browser.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([])
  })

  it('shows the ticks of a schedule as they happen: when, status, how many entered', { timeout: 90_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    for (const id of ['e2e-tick-1', 'e2e-tick-2']) expect((await kairos.api('PUT', `/api/contacts/${id}`, { tags: ['early-bird'] })).status).toBeLessThan(300)
    const earlyBirds = await createSegment('Early birds', { tag: 'early-bird' })
    const graph = {
      nodes: [
        { id: 'every_minute', type: 'trigger.schedule', label: 'Every minute', config: { cron: '* * * * *', segment: earlyBirds, missed: 'run' }, position: { x: 0, y: 0 } },
        { id: 'done', type: 'exit', config: {}, position: { x: 0, y: 160 } },
      ],
      edges: [{ source: 'every_minute', sourcePort: 'next', target: 'done' }],
      settings: { reentry: 'always', exitOn: [], timezone: 'UTC' },
    }
    const flow = (await kairos.api('POST', '/api/flows', { name: 'Every minute (e2e)', graph })).body
    expect((await kairos.api('POST', `/api/flows/${flow.id}/publish`, {})).status).toBe(200)

    await page.goto(`${kairos.url}/#/flows/${flow.id}`)
    await ui.select('every_minute')
    const section = ui.panel.getByTestId('schedule-section')
    await expect.poll(() => section.getAttribute('data-loaded')).toBe('true')
    const firstNext = await ui.panel.getByTestId('schedule-next').getAttribute('data-at')
    expect(firstNext).toMatch(/:00\.000Z$/)
    // A schedule read in UTC: the UTC line says it all, no third clock.
    expect(await ui.panel.getByTestId('schedule-next').innerText()).not.toMatch(/UTC: /)
    // Rather than wait up to a minute for it, the queued tick is made due now (its job and payload
    // unchanged, so it runs as the tick at firstNext). Refresh asks again: the panel never polls on its own.
    const handle = connectDb(kairos.databaseUrl, { max: 1 })
    try {
      await sql`update graphile_worker._private_jobs set run_at = now() where key = ${`kairos:schedule:${flow.id}:every_minute`}`.execute(handle.db)
      await sql`select pg_notify('jobs:insert', '{"count":1}')`.execute(handle.db)
    } finally {
      await handle.close()
    }
    await expect
      .poll(
        async () => {
          await ui.panel.getByTestId('schedule-refresh').click()
          // Not a waiting getAttribute: until the tick has run there is no row, and the next Refresh must come.
          const latest = ui.panel.getByTestId('schedule-tick').first()
          return (await latest.count()) > 0 ? latest.getAttribute('data-status', { timeout: 1000 }).catch(() => null) : null
        },
        { timeout: 30_000, interval: 1500 },
      )
      .toBe('done')
    const tick = ui.panel.getByTestId('schedule-tick').first()
    expect(await tick.innerText()).toContain('2 entered')
    // The next tick moved on past the one that ran.
    expect(new Date((await ui.panel.getByTestId('schedule-next').getAttribute('data-at'))!).getTime()).toBeGreaterThan(new Date(firstNext!).getTime())
    await debugShot('schedule-ticks')

    // Paused: the panel refreshes with the status, and the next tick is still queued (it will be skipped).
    await page.getByTestId('pause-resume').click()
    await page.getByTestId('confirm-ok').click()
    await expect.poll(() => page.getByTestId('flow-status').getAttribute('data-status')).toBe('paused')
    await expect.poll(() => ui.panel.getByTestId('schedule-next').getAttribute('data-at')).toMatch(/Z$/)
    expect(browser.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([])
  })

  it('keeps a deleted segment visible in the picker instead of showing the step as unset', { timeout: 60_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    const gone = await createSegment('Short-lived', { tag: 'short-lived' })
    const graph = {
      nodes: [{ id: 'weekly', type: 'trigger.schedule', config: { at: '10:00', days: ['fri'], segment: gone, missed: 'skip' }, position: { x: 0, y: 0 } }],
      edges: [],
    }
    const flow = (await kairos.api('POST', '/api/flows', { name: 'Deleted segment (e2e)', graph })).body
    expect((await kairos.api('DELETE', `/api/segments/${gone}`)).status).toBe(204)

    await page.goto(`${kairos.url}/#/flows/${flow.id}`)
    await ui.select('weekly')
    const field = ui.field('config.segment')
    await expect.poll(() => field.getByTestId('segment-missing').innerText()).toContain(gone)
    expect(await field.getByTestId('segment-picker').inputValue()).toBe(gone)
    expect(await field.getByTestId('segment-picker').locator('option:checked').innerText()).toBe(`Unknown segment ${gone}`)
    await debugShot('segment-missing')
    // Choosing the empty option takes the segment out of the config (not "").
    await field.getByTestId('segment-picker').selectOption('')
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved')
    expect((await kairos.api('GET', `/api/flows/${flow.id}`)).body.graph.nodes[0].config).toEqual({ at: '10:00', days: ['fri'], missed: 'skip' })
  })

  it('takes plain values in the change trigger and fills the date trigger', { timeout: 60_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    await page.goto(`${kairos.url}/#/flows`)
    await page.getByTestId('new-flow').click()

    const change = await ui.drop('trigger.change', { x: 200, y: 60 })
    await ui.field('config.attribute').locator('input').fill('stage')
    // `from` and `to` may be text, a number, true/false or null: one box, read as a literal.
    expect(await ui.field('config.from').getAttribute('data-kind')).toBe('scalar')
    await ui.field('config.from').getByTestId('scalar-input').fill('lead')
    await ui.field('config.to').getByTestId('scalar-input').fill('mql')
    expect(await ui.field('config.to').getByTestId('scalar-reading').innerText()).toBe('= the text “mql”')
    await expect.poll(() => ui.node(change).locator('.summary').innerText()).toBe('stage: lead → mql')
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved')
    const flowId = openFlowId()
    const configOf = async (id: string) => (await kairos.api('GET', `/api/flows/${flowId}`)).body.graph.nodes.find((n: { id: string }) => n.id === id).config
    expect(await configOf(change)).toEqual({ attribute: 'stage', from: 'lead', to: 'mql' })

    await ui.field('config.from').getByTestId('scalar-input').fill('null')
    expect(await ui.field('config.from').getByTestId('scalar-reading').innerText()).toBe('= null: not set')
    await ui.field('config.to').getByTestId('scalar-input').fill('"3"')
    expect(await ui.field('config.to').getByTestId('scalar-reading').innerText()).toBe('= the text “3”')
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved')
    expect(await configOf(change)).toEqual({ attribute: 'stage', from: null, to: '3' })
    await ui.field('config.to').getByTestId('scalar-input').fill('')
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved')
    expect(await configOf(change)).toEqual({ attribute: 'stage', from: null })
    await debugShot('change-form')

    const date = await ui.drop('trigger.date', { x: 200, y: 220 })
    await ui.field('config.attribute').locator('input').fill('birthday')
    expect(await ui.field('config.at').locator('input').inputValue()).toBe('09:00')
    await ui.field('config.repeat').getByRole('radio', { name: 'yearly' }).click()
    // A zone name is picked from the browser's list; one it does not know is called out.
    const zone = ui.field('config.timezone').locator('input')
    await zone.fill('Mars/Olympus_Mons')
    await zone.press('Tab')
    await expect.poll(() => ui.field('config.timezone').innerText()).toContain('Not a timezone')
    await zone.fill('')
    await zone.press('Tab')
    await expect.poll(() => ui.field('config.timezone').innerText()).not.toContain('Not a timezone')
    await ui.field('config.condition').getByTestId('condition-add').click()
    await ui.field('config.condition').getByTestId('add-tag').click()
    await ui.field('config.condition').getByTestId('condition-tag').fill('newsletter')
    await expect.poll(() => ui.node(date).locator('.summary').innerText()).toBe('birthday at 09:00, yearly')
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved')
    expect(await configOf(date)).toEqual({ attribute: 'birthday', offset: '0d', at: '09:00', repeat: 'yearly', condition: { all: [{ tag: 'newsletter' }] } })
    await debugShot('date-form')
    // Removed whole: no empty group left behind.
    await ui.field('config.condition').getByTestId('condition-remove').click()
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved')
    expect(await configOf(date)).toEqual({ attribute: 'birthday', offset: '0d', at: '09:00', repeat: 'yearly' })
    expect(browser.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([])
  })

  it('shows who a published birthday trigger enters in the next 7 and 30 days, soonest first', { timeout: 90_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    // Birthdays a few days from the real today (UTC), in a leap year so a 29 February exists.
    const day = (ahead: number) => new Date(Date.now() + ahead * 86_400_000).toISOString().slice(0, 10)
    const birthday = (ahead: number) => `1992-${day(ahead).slice(5)}`
    // [id, days ahead, timezone]: 09:00 in Tokyo is midnight UTC, so not every row says 09:00 UTC.
    const people: Array<[string, number, string]> = [
      ['e2e-bday-ada', 1, 'UTC'],
      ['e2e-bday-ben', 2, 'Asia/Tokyo'],
      ['e2e-bday-cy', 3, 'UTC'],
      ['e2e-bday-dan', 5, 'UTC'],
      ['e2e-bday-eve', 12, 'UTC'],
      ['e2e-bday-fay', 20, 'UTC'],
      ['e2e-bday-gus', 100, 'UTC'],
    ]
    for (const [id, ahead, timezone] of people)
      expect((await kairos.api('PUT', `/api/contacts/${id}`, { attributes: { name: id.slice('e2e-bday-'.length), birthday: birthday(ahead), timezone } })).status).toBeLessThan(300)
    const dueAt = (ahead: number, timezone: string) => `${day(ahead)}T${timezone === 'Asia/Tokyo' ? '00' : '09'}:00:00.000Z`
    const graph = {
      nodes: [
        { id: 'birthday', type: 'trigger.date', label: 'Birthday', config: { attribute: 'birthday', offset: '0d', at: '09:00', repeat: 'yearly' }, position: { x: 0, y: 0 } },
        { id: 'greet', type: 'tag', label: 'Tag birthday', config: { add: ['birthday-greeted'] }, position: { x: 0, y: 170 } },
        // Nobody has a renewal date: this trigger has nothing coming, and a condition to mention.
        { id: 'renewal', type: 'trigger.date', label: 'Renewal reminder', config: { attribute: 'renewal_date', offset: '-3d', at: '10:00', repeat: 'once', condition: { all: [{ tag: 'vip' }] } }, position: { x: 300, y: 0 } },
      ],
      edges: [
        { source: 'birthday', sourcePort: 'next', target: 'greet' },
        { source: 'renewal', sourcePort: 'next', target: 'greet' },
      ],
      settings: { reentry: 'always', exitOn: [], timezone: 'UTC' },
    }
    const flow = (await kairos.api('POST', '/api/flows', { name: 'Birthday greetings (e2e)', graph })).body
    expect((await kairos.api('POST', `/api/flows/${flow.id}/publish`, {})).status).toBe(200)

    await page.goto(`${kairos.url}/#/flows/${flow.id}`)
    await ui.select('birthday')
    // The moments are computed by a job after the publish: Refresh until they are there (the panel never polls).
    await expect
      .poll(
        async () => {
          await ui.panel.getByTestId('upcoming-refresh').click()
          // Not a waiting getAttribute: the counts are drawn once loaded, and the next Refresh must come.
          return ui.panel.getByTestId('upcoming-month').getAttribute('data-count', { timeout: 1000 }).catch(() => null)
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe('6')
    expect(await ui.panel.getByTestId('upcoming-week').getAttribute('data-count')).toBe('4')
    const rows = ui.panel.getByTestId('upcoming-moment')
    // Five at most, soonest first; gus (100 days off) is in neither count.
    expect(await rows.evaluateAll((els) => els.map((el) => [el.getAttribute('data-contact'), el.getAttribute('data-at')]))).toEqual(
      people.slice(0, 5).map(([id, ahead, timezone]) => [id, dueAt(ahead, timezone)]),
    )
    expect(await ui.panel.getByTestId('upcoming-more').innerText()).toBe('and 1 more in the next 30 days')
    // Each in the operator's time (New York here) and as the UTC instant.
    const first = dueAt(1, 'UTC')
    const inNewYork = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(first))
    expect(await rows.first().innerText()).toContain(inNewYork)
    expect(await rows.first().innerText()).toContain(`UTC ${first.replace('.000Z', 'Z')}`)
    expect(await rows.first().locator('a').getAttribute('href')).toBe('#/contacts/e2e-bday-ada')
    expect(await ui.panel.getByTestId('upcoming-condition').count()).toBe(0)
    // The same figures the API gives.
    const api30 = (await kairos.api('GET', `/api/flows/${flow.id}/upcoming?within=30d`)).body
    expect(api30.triggers).toEqual([{ node: 'birthday', count: 6 }])

    if (shots || process.env.KAIROS_E2E_DEBUG) {
      await page.setViewportSize({ width: 1280, height: 1000 })
      await page.getByRole('button', { name: 'Fit' }).click()
      await page.mouse.move(640, 900) // off the button, so it is not drawn hovered
      await shoot('date-trigger-upcoming.png')
      await debugShot('date-upcoming')
      await page.setViewportSize({ width: 1280, height: 800 })
    }

    // The other trigger: nothing coming, said plainly, and its condition is mentioned.
    await ui.select('renewal')
    await expect.poll(() => ui.panel.getByTestId('upcoming-section').getAttribute('data-loaded')).toBe('true')
    expect(await ui.panel.getByTestId('upcoming-month').getAttribute('data-count')).toBe('0')
    expect(await ui.panel.getByTestId('upcoming-none').innerText()).toBe('No one in the next 30 days')
    expect(await ui.panel.getByTestId('upcoming-moment').count()).toBe(0)
    expect(await ui.panel.getByTestId('upcoming-condition').innerText()).toContain('Counted before the condition')
    await debugShot('date-upcoming-none')

    // Paused: the panel reloads with the status and says the moments would pass by.
    await ui.select('birthday')
    await page.getByTestId('pause-resume').click()
    await page.getByTestId('confirm-ok').click()
    await expect.poll(() => page.getByTestId('flow-status').getAttribute('data-status')).toBe('paused')
    await expect.poll(() => ui.panel.getByTestId('upcoming-paused').count()).toBe(1)
    expect(await ui.panel.getByTestId('upcoming-month').getAttribute('data-count')).toBe('6')

    // A name in the list opens the contact.
    await ui.panel.getByTestId('upcoming-moment').first().locator('a').click()
    await expect.poll(() => page.locator('h1').innerText()).toBe('ada')
    expect(browser.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([])
  })
})
