import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// Holiday calendars on a real Postgres with a moved clock: uploading the shipped mainland China
// 2026 calendar (JSON and ICS), errors naming the field or line, quiet hours that keep marketing
// messages off the National Day holiday, and wait.until on a workday landing on the 调休 Saturday.

const example = (ext: string) => readFileSync(new URL(`../../examples/calendars/cn-mainland-2026.${ext}`, import.meta.url), 'utf8')

async function runOf(kairos: TestKairos, contact: string): Promise<any> {
  const { runs } = (await kairos.api('GET', `/api/runs?contact=${contact}`)).body
  return (await kairos.api('GET', `/api/runs/${runs[0].id}`)).body
}

async function deliveriesOf(kairos: TestKairos, contact: string): Promise<any[]> {
  return (await kairos.api('GET', `/api/deliveries?contact=${contact}`)).body.deliveries
}

describe('holiday calendars', () => {
  let kairos: TestKairos
  // 20:00 on Wednesday 30 September 2026 in Shanghai, 14:00 in Berlin.
  beforeAll(async () => void (kairos = await startTestKairos({ startAt: '2026-09-30T12:00:00Z' })))
  afterAll(() => kairos?.stop())

  it('refuses a day outside the years a calendar may cover (1970-2200), naming it, in both formats', async () => {
    const json = await kairos.api('PUT', '/api/calendars/far', { format: 'json', content: JSON.stringify({ holidays: [{ date: '1900-05-01', name: '劳动节' }] }) })
    expect(json.status).toBe(400)
    expect(json.body.error.details).toEqual([{ field: 'body.content.holidays[0]', message: '1900-05-01 is outside the years a calendar covers (1970 to 2200)' }])
    const ics = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:23000101', 'SUMMARY:元旦', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n')
    const bad = await kairos.api('PUT', '/api/calendars/far', { format: 'ics', content: ics })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details).toEqual([{ field: 'body.content (event at line 2)', message: '2300-01-01 is outside the years a calendar covers (1970 to 2200)' }])
    expect((await kairos.api('GET', '/api/calendars/far')).status).toBe(404)
  })

  it('refuses bad JSON naming the field, and bad ICS naming the line', async () => {
    const json = await kairos.api('PUT', '/api/calendars/cn-mainland', {
      format: 'json',
      content: JSON.stringify({ years: [2026], holidays: [{ from: '2026-10-01', to: '2026-10-32', name: '国庆节' }, { date: '2027-01-01', name: '元旦' }], workdays: [{ date: '2026-10-10' }] }),
    })
    expect(json.status).toBe(400)
    expect(json.body.error.details).toEqual([
      { field: 'body.content.holidays[0].to', message: '"2026-10-32" is not a date (YYYY-MM-DD)' },
      { field: 'body.content.workdays[0].name', message: 'must be a label of 1 to 80 characters, e.g. 国庆节' },
    ])
    const outside = await kairos.api('PUT', '/api/calendars/cn-mainland', { format: 'json', content: JSON.stringify({ years: [2026], holidays: [{ date: '2027-01-01', name: '元旦' }] }) })
    expect(outside.body.error.details).toEqual([{ field: 'body.content.holidays[0]', message: '2027-01-01 is outside the years the file covers (2026)' }])
    const syntax = await kairos.api('PUT', '/api/calendars/cn-mainland', { format: 'json', content: '{\n  "years": [2026],\n  "holidays": [,]\n}' })
    expect(syntax.body.error.details).toEqual([{ field: 'body.content', message: "not JSON at line 3, column 16: Unexpected token ','" }])

    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'DTSTART:20261001T090000', 'SUMMARY:国庆节', 'END:VEVENT', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261010', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n')
    const bad = await kairos.api('PUT', '/api/calendars/cn-mainland', { format: 'ics', content: ics })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details).toEqual([
      { field: 'body.content (line 4)', message: 'DTSTART must be an all-day date (DTSTART;VALUE=DATE:YYYYMMDD), not "20261001T090000"' },
      { field: 'body.content (line 7)', message: 'the event has no SUMMARY (its label, e.g. 国庆节)' },
    ])
    expect((await kairos.api('GET', '/api/calendars')).body.calendars).toEqual([])
  })

  it('stores the shipped 2026 calendar from JSON and from ICS alike', async () => {
    const fromJson = await kairos.api('PUT', '/api/calendars/cn-mainland', { format: 'json', content: example('json') })
    expect(fromJson.status).toBe(200)
    expect(fromJson.body.years).toEqual([{ year: 2026, source: 'json', uploadedAt: '2026-09-30T12:00:00.000Z', holidays: 33, workdays: 6 }])
    const fromIcs = await kairos.api('PUT', '/api/calendars/cn-ics', { format: 'ics', content: example('ics') })
    expect(fromIcs.status).toBe(200)
    expect(fromIcs.body.days).toEqual(fromJson.body.days)
    const october = (await kairos.api('GET', '/api/calendars/cn-mainland?year=2026')).body.days.filter((d: any) => d.date.startsWith('2026-10'))
    expect(october.map((d: any) => `${d.date} ${d.kind}`)).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7].map((day) => `2026-10-0${day} holiday`), '2026-10-10 workday',
    ])
    // Unknown calendar in the policies: 400 naming the field.
    const unknown = await kairos.api('PUT', '/api/policies', { holidays: { calendar: 'nowhere' } })
    expect(unknown.body.error.details).toEqual([{ field: 'body.holidays.calendar', message: 'calendar "nowhere" has not been uploaded (PUT /api/calendars/:name)' }])
    const put = await kairos.api('PUT', '/api/policies', { quietHours: { from: '21:00', to: '09:00' }, holidays: { calendar: 'cn-mainland', avoid: 'holidays' } })
    expect(put.status).toBe(200)
    expect((await kairos.api('DELETE', '/api/calendars/cn-mainland')).status).toBe(409)
    expect((await kairos.api('DELETE', '/api/calendars/cn-ics')).status).toBe(204)
  })

  it('wait.until on a workday skips the National Day holiday in each contact’s own zone', async () => {
    await publishFlow(kairos, 'Workday reminder', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'remind' } },
        { id: 'at9', type: 'wait.until', config: { at: '09:00', workday: true } },
      ],
      edges: [{ source: 'in', target: 'at9' }],
      settings: { reentry: 'always' },
    })
    await kairos.api('PUT', '/api/contacts/sh-1', { attributes: { timezone: 'Asia/Shanghai' } })
    await kairos.api('PUT', '/api/contacts/be-1', { attributes: { timezone: 'Europe/Berlin' } })
    await kairos.api('POST', '/api/events', { contact: 'sh-1', name: 'remind' })
    await kairos.api('POST', '/api/events', { contact: 'be-1', name: 'remind' })
    await kairos.drain()
    // 1–7 October are days off; Thursday 8 October at 09:00 local.
    expect(await runOf(kairos, 'sh-1')).toMatchObject({ status: 'waiting', wakeAt: '2026-10-08T01:00:00.000Z' })
    expect(await runOf(kairos, 'be-1')).toMatchObject({ status: 'waiting', wakeAt: '2026-10-08T07:00:00.000Z' })
  })

  it('defers a marketing SMS due on 1 October to 09:00 on 8 October, on each contact’s own calendar day', async () => {
    await kairos.advance('14h') // 2026-10-01T02:00Z: 10:00 in Shanghai, 04:00 in Berlin
    await publishFlow(kairos, 'Holiday promo', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'promo' } },
        { id: 'sms', type: 'send.sms', version: 3, config: { text: 'Offer' } },
      ],
      edges: [{ source: 'in', target: 'sms' }],
      settings: { reentry: 'always' },
    })
    await kairos.api('PUT', '/api/contacts/sh-2', { attributes: { phone: '+8613900000301', timezone: 'Asia/Shanghai' } })
    await kairos.api('PUT', '/api/contacts/be-2', { attributes: { phone: '+4915100000302', timezone: 'Europe/Berlin' } })
    await kairos.api('POST', '/api/events', { contact: 'sh-2', name: 'promo' })
    await kairos.api('POST', '/api/events', { contact: 'be-2', name: 'promo' })
    await kairos.drain()
    expect((await deliveriesOf(kairos, 'sh-2'))[0]).toMatchObject({
      status: 'scheduled', sendAt: '2026-10-08T01:00:00.000Z',
      deferredBy: 'holiday calendar cn-mainland: 国庆节 (Asia/Shanghai); quiet hours 21:00-09:00 (Asia/Shanghai)',
    })
    expect((await deliveriesOf(kairos, 'be-2'))[0]).toMatchObject({
      status: 'scheduled', sendAt: '2026-10-08T07:00:00.000Z',
      deferredBy: 'quiet hours 21:00-09:00 (Europe/Berlin); holiday calendar cn-mainland: 国庆节 (Europe/Berlin)',
    })
    await kairos.advance('6d22h59m') // 08:59 on 8 October in Shanghai
    expect((await deliveriesOf(kairos, 'sh-2'))[0].status).toBe('scheduled')
    await kairos.advance('1m')
    expect((await deliveriesOf(kairos, 'sh-2'))[0]).toMatchObject({ status: 'sent', sentAt: '2026-10-08T01:00:00.000Z' })
    // The waits of the first test woke then too.
    expect((await runOf(kairos, 'sh-1')).status).toBe('completed')
  })

  it('wait.until on a workday lands on the make-up Saturday 10 October, and skips the Sunday after', async () => {
    await kairos.advance('1d11h') // 2026-10-09T12:00Z: 20:00 on Friday in Shanghai
    await kairos.api('PUT', '/api/contacts/sh-3', { attributes: { timezone: 'Asia/Shanghai' } })
    await kairos.api('POST', '/api/events', { contact: 'sh-3', name: 'remind' })
    await kairos.drain()
    expect(await runOf(kairos, 'sh-3')).toMatchObject({ status: 'waiting', wakeAt: '2026-10-10T01:00:00.000Z' })
    await kairos.advance('1d') // 20:00 on the make-up Saturday
    await kairos.api('PUT', '/api/contacts/sh-4', { attributes: { timezone: 'Asia/Shanghai' } })
    await kairos.api('POST', '/api/events', { contact: 'sh-4', name: 'remind' })
    await kairos.drain()
    expect(await runOf(kairos, 'sh-4')).toMatchObject({ status: 'waiting', wakeAt: '2026-10-12T01:00:00.000Z' })
  })

  it('refuses to publish a wait.until naming a calendar never uploaded, and to delete a calendar a live step names', async () => {
    const graph = (calendar: string) => ({
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'remind-named' } },
        { id: 'at9', type: 'wait.until', config: { at: '09:00', workday: true, calendar } },
      ],
      edges: [{ source: 'in', target: 'at9' }],
    })
    const typo = (await kairos.api('POST', '/api/flows', { name: 'Typo calendar', graph: graph('cn-mainlnad') })).body.id
    const refused = await kairos.api('POST', `/api/flows/${typo}/publish`)
    expect(refused.status).toBe(400)
    expect(refused.body.error.code).toBe('KAIROS_FLOW_INVALID')
    expect(refused.body.error.details).toEqual([
      { node: 'at9', field: 'config.calendar', message: 'no holiday calendar named “cn-mainlnad” has been uploaded (Settings → Message policies)' },
    ])
    expect((await kairos.api('GET', `/api/flows/${typo}`)).body.publishedVersion ?? null).toBeNull()

    expect((await kairos.api('PUT', '/api/calendars/cn-office', { format: 'json', content: example('json') })).status).toBe(200)
    const live = await publishFlow(kairos, 'Office calendar', graph('cn-office'))
    const blocked = await kairos.api('DELETE', '/api/calendars/cn-office')
    expect(blocked.status).toBe(409)
    expect(blocked.body.error.code).toBe('KAIROS_CONFLICT')
    expect(blocked.body.error.message).toContain('"Office calendar"')
    expect(blocked.body.error.details).toEqual([{ field: 'config.calendar', message: `used by flow ${live} ("Office calendar"), version 1, step at9` }])
    expect((await kairos.api('GET', '/api/calendars/cn-office')).status).toBe(200)
    // Archived, the journey no longer holds the calendar.
    expect((await kairos.api('POST', `/api/flows/${live}/archive`)).status).toBe(200)
    expect((await kairos.api('DELETE', '/api/calendars/cn-office')).status).toBe(204)
  })
})
