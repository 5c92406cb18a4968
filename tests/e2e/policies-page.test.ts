// The message policies page, end to end: an administrator adds two cooling rules (a saved
// segment, and a condition built in the form), uploads the shipped mainland China 2026 holiday
// calendar, sees its days, keeps marketing messages off holidays and saves; the server's
// policies are read back through the API. A calendar the policies use cannot be deleted; once
// they no longer do, it can. KAIROS_SCREENSHOTS=docs/images regenerates docs/images/policies-*.png.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { E2EBrowser } from '../support/e2e-browser.ts'
import type { KairosProcess } from '../support/e2e-kairos-process.ts'
import { browserSession } from '../support/e2e-session.ts'

let kairos: KairosProcess
let browser: E2EBrowser
const ready = browserSession((started) => ({ browser, kairos } = started))
const calendarJson = readFileSync(new URL('../../examples/calendars/cn-mainland-2026.json', import.meta.url))
/** One section of the page, in a viewport tall enough that it needs no scrolling under the sticky header. */
const shot = async (name: string, testId: string) => {
  const dirs = [process.env.KAIROS_E2E_SHOTS, process.env.KAIROS_SCREENSHOTS].filter((d): d is string => Boolean(d))
  if (dirs.length === 0) return
  const { page } = browser
  const before = page.viewportSize()
  await page.setViewportSize({ width: 1100, height: 3200 })
  await page.evaluate('window.scrollTo(0, 0)')
  for (const dir of dirs) await page.getByTestId(testId).screenshot({ path: `${dir}/${name}.png` })
  if (before) await page.setViewportSize(before)
}

describe('the message policies page', () => {
  it('sets cooling rules for a segment and a condition, and uploads the holiday calendar', { timeout: 120_000 }, async () => {
    ready()
    const segment = (await kairos.api('POST', '/api/segments', { name: 'Complained customers', condition: { tag: 'complained' } })).body
    const { page } = browser
    await page.goto(`${kairos.url}/#/settings/policies`)
    const form = page.getByTestId('policies-form')
    const cooling = form.getByTestId('cooling-section')
    expect(await cooling.innerText()).toContain('No cooling rules')

    // A rule for the segment: at most 1 SMS a week (the default caps of a new rule).
    await cooling.getByTestId('cooling-add').click()
    const first = cooling.getByTestId('cooling-rule').nth(0)
    await first.getByTestId('cooling-name').fill('Complained')
    expect(await first.getByTestId('cooling-segment').inputValue()).toBe(segment.id)
    expect(await first.getByTestId('cooling-sentence').innerText()).toBe('Applies to: members of the segment “Complained customers”')
    expect(await first.getByTestId('cap-max').inputValue()).toBe('1')
    expect(await first.getByTestId('cap-amount').inputValue()).toBe('7')

    // A rule for a condition: contacts tagged never-clicked, at most 2 messages on any channel a week.
    await cooling.getByTestId('cooling-add').click()
    const second = cooling.getByTestId('cooling-rule').nth(1)
    await second.getByTestId('cooling-name').fill('Never click')
    await second.getByTestId('cooling-by-condition').check()
    await second.getByTestId('add-tag').click()
    await second.getByTestId('condition-tag').fill('never-clicked')
    await second.getByTestId('cap-channel').selectOption('')
    await second.getByTestId('cap-max').fill('2')

    // The holiday calendar: upload the example, see October's days, keep marketing off holidays.
    const calendar = form.getByTestId('calendar-panel')
    expect(await calendar.getByTestId('calendar-none').count()).toBe(1)
    await calendar.getByTestId('calendar-file').setInputFiles({ name: 'cn-mainland-2026.json', mimeType: 'application/json', buffer: calendarJson })
    await calendar.getByTestId('calendar-upload').click()
    await expect.poll(() => calendar.getByTestId('calendar-uploaded').count()).toBe(1)
    expect(await calendar.getByTestId('calendar-uploaded').innerText()).toBe('Uploaded cn-mainland: 33 days off and 6 make-up workdays in 2026.')
    expect(await calendar.getByTestId('calendar-year').innerText()).toBe('2026: 33 days off, 6 make-up workdays')
    // Seven holidays as ranges and six make-up workdays, in date order.
    expect(await calendar.getByTestId('calendar-day').count()).toBe(13)
    expect(await calendar.getByTestId('calendar-day').filter({ hasText: '国庆节' }).allInnerTexts()).toEqual([
      '2026-09-20\tMake-up workday\t国庆节调休上班', '2026-10-01 – 2026-10-07 (7 days)\tDay off\t国庆节', '2026-10-10\tMake-up workday\t国庆节调休上班',
    ])
    await calendar.getByTestId('holidays-avoid').check()
    await shot('policies-cooling-en', 'cooling-section')
    await shot('policies-calendar-en', 'calendar-panel')

    await form.getByTestId('policies-save').click()
    await expect.poll(() => form.getByTestId('policies-saved').count()).toBe(1)
    const policies = (await kairos.api('GET', '/api/policies')).body
    expect(policies.cooling).toEqual([
      { name: 'Complained', audience: { segment: segment.id }, caps: [{ channel: 'sms', max: 1, per: '7d' }] },
      { name: 'Never click', audience: { condition: { all: [{ tag: 'never-clicked' }] } }, caps: [{ max: 2, per: '7d' }] },
    ])
    expect(policies.holidays).toEqual({ calendar: 'cn-mainland', avoid: 'holidays' })

    // Used by the policies, the calendar cannot be deleted; the page says why.
    await page.reload()
    await expect.poll(() => calendar.getByTestId('calendar-row').count()).toBe(1)
    expect(await calendar.getByTestId('calendar-delete').isDisabled()).toBe(true)
    expect(await calendar.getByTestId('calendar-row').innerText()).toContain('Used by the policies')

    // The same page in Chinese, for the pictures.
    await page.evaluate(() => localStorage.setItem('kairos.locale', 'zh-CN'))
    await page.reload()
    await expect.poll(() => calendar.getByTestId('calendar-day').count()).toBe(13)
    expect(await cooling.getByTestId('cooling-sentence').first().innerText()).toBe('适用于：分群“Complained customers”的成员')
    await shot('policies-cooling-zh', 'cooling-section')
    await shot('policies-calendar-zh', 'calendar-panel')
    await page.evaluate(() => localStorage.setItem('kairos.locale', 'en'))
    await page.reload()

    // Messages on holidays again, saved: now the calendar can go.
    await calendar.getByTestId('holidays-none').check()
    await form.getByTestId('policies-save').click()
    await expect.poll(async () => (await kairos.api('GET', '/api/policies')).body.holidays).toBe(null)
    await page.reload()
    await expect.poll(() => calendar.getByTestId('calendar-delete').isDisabled()).toBe(false)
    page.once('dialog', (dialog) => void dialog.accept())
    await calendar.getByTestId('calendar-delete').click()
    await expect.poll(() => calendar.getByTestId('calendar-none').count()).toBe(1)
    expect((await kairos.api('GET', '/api/calendars')).body.calendars).toEqual([])
    expect(browser.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([])
  })
})
