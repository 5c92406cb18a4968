import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '@kairos/server'
import { fakeHttpProvider } from '../support/fake-http-provider.ts'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { rowsChecksum } from './simulate-rows.ts'

/** Test-only node types (probe.http makes an HTTP effect), loaded as a plugin folder. */
const PROBES = join(REPO_ROOT, 'tests', 'fixtures', 'plugins')

// The simulator with event and schedule triggers, consent re-checked when a deferred message
// comes due, and an effect that is never made. The clock starts Monday 1 March 2027, 12:00
// UTC (20:00 in Shanghai); quiet hours are 21:00-09:00 and an `sms.stop` event opts out of SMS.
describe('the simulator with events, consent, effects and schedules', () => {
  const outside = fakeHttpProvider()
  let kairos: TestKairos
  let welcome: string
  let digest: string
  let before: Record<string, string>
  let answer: any

  beforeAll(async () => {
    const url = await outside.listen()
    kairos = await startTestKairos({ startAt: '2027-03-01T12:00:00Z', pluginDirs: [PROBES] })
    await kairos.api('PUT', '/api/channels/sms-main', { kind: 'sms.http', config: { url: `${url}/sms` } })
    await kairos.api('PUT', '/api/policies', { quietHours: { from: '21:00', to: '09:00' }, consent: { stopEvents: [{ channel: 'sms', stop: 'sms.stop', start: 'sms.start' }] } })
    for (const id of ['ana', 'bo', 'cy', 'outsider'])
      await kairos.api('PUT', `/api/contacts/${id}`, { attributes: { name: id, timezone: 'Asia/Shanghai', phone: `+86139${id.length}0000000` } })
    welcome = (await kairos.api('POST', '/api/flows', {
      name: 'Welcome',
      graph: {
        nodes: [
          { id: 'signup', type: 'trigger.event', config: { event: 'signed_up' } },
          { id: 'sms', type: 'send.sms', config: { text: 'Welcome {{ contact.name }}!', channel: 'sms-main' } },
          { id: 'crm', type: 'probe.http', label: 'Tell the CRM', config: { url: `${url}/crm` } },
          { id: 'done', type: 'tag', config: { add: ['welcomed'] } },
        ],
        edges: [{ source: 'signup', target: 'sms' }, { source: 'sms', target: 'crm' }, { source: 'crm', target: 'done' }],
        settings: { timezone: 'Asia/Shanghai' },
      },
    })).body.id
    digest = (await kairos.api('POST', '/api/flows', {
      name: 'Daily digest',
      graph: {
        nodes: [{ id: 'daily', type: 'trigger.schedule', config: { at: '09:00', everyone: true } }, { id: 'mark', type: 'tag', config: { add: ['digest'] } }],
        edges: [{ source: 'daily', target: 'mark' }],
        settings: { reentry: 'always', timezone: 'UTC' },
      },
    })).body.id
    await kairos.drain()
    before = await rowsChecksum(kairos)
    // Everyone signs up at 21:30 Shanghai time, in quiet hours; Bo replies STOP an hour later.
    answer = await kairos.api('POST', `/api/flows/${welcome}/simulate`, {
      contacts: ['ana', 'bo'],
      events: [{ at: '+1h30m', contact: '*', name: 'signed_up' }, { at: '+2h30m', contact: 'bo', name: 'sms.stop' }],
      horizon: '2d',
    })
  })
  afterAll(async () => {
    await kairos?.stop()
    await outside.close()
  })

  const runOf = (body: any, name: string) => body.contacts.find((c: any) => c.contact === name).runs[0]
  const step = (run: any, node: string) => run.steps.find((s: any) => s.node === node)

  it('enters every simulated contact on an event scripted for "*"', () => {
    expect(answer.status).toBe(200)
    expect(answer.body.contacts.map((c: any) => [c.contact, c.runs.length, c.runs[0].trigger])).toEqual([['ana', 1, 'signed_up'], ['bo', 1, 'signed_up']])
  })

  it('sends a deferred message when quiet hours end, and suppresses it when a STOP came while it waited', () => {
    expect(step(runOf(answer.body, 'ana'), 'sms')).toMatchObject({
      at: '2027-03-02T01:00:00.000Z', atLocal: '2027-03-02T09:00:00+08:00', port: 'next',
      message: { status: 'sent', deferredBy: 'quiet hours 21:00-09:00 (Asia/Shanghai)', text: 'Welcome ana!' },
    })
    const bo = runOf(answer.body, 'bo')
    const stop = { kind: 'consent', params: { channel: 'sms', attribute: null, event: 'sms.stop' } }
    expect(step(bo, 'sms')).toMatchObject({
      at: '2027-03-02T01:00:00.000Z', port: 'suppressed',
      output: { status: 'suppressed', reason: 'consent: sms opted out by event sms.stop' },
      message: {
        status: 'suppressed', suppressedBy: 'consent: sms opted out by event sms.stop', deferredBy: 'quiet hours 21:00-09:00 (Asia/Shanghai)',
        policyReason: { timeZone: 'Asia/Shanghai', deferredBy: [{ kind: 'quiet_hours', params: { from: '21:00', to: '09:00', timeZone: 'Asia/Shanghai' } }], suppressedBy: stop },
      },
    })
    expect(bo.status).toBe('completed')
    expect(answer.body.totals.rules).toEqual(expect.arrayContaining([{ rule: 'consent: sms opted out by event sms.stop', policyRule: stop, suppressed: 1, deferred: 0 }]))
  })

  it('takes an effect’s done port without making it, saying it was simulated', () => {
    const ana = runOf(answer.body, 'ana')
    expect(step(ana, 'crm')).toMatchObject({ port: 'next', at: '2027-03-02T01:00:00.000Z', output: { status: 'done', response: { simulated: true } } })
    expect(step(ana, 'done')).toMatchObject({ port: 'next' })
    expect(ana.status).toBe('completed')
  })

  it('enters only the simulated contacts at each schedule tick within the horizon', async () => {
    const reply = await kairos.api('POST', `/api/flows/${digest}/simulate`, { contacts: ['cy'], horizon: '2d' })
    expect(reply.status).toBe(200)
    expect(reply.body.contacts[0].runs.map((r: any) => [r.trigger, r.enteredAt])).toEqual([
      ['schedule.tick', '2027-03-02T09:00:00.000Z'],
      ['schedule.tick', '2027-03-03T09:00:00.000Z'],
    ])
    expect(reply.body.totals).toMatchObject({ contacts: 1, entered: 1, runs: { completed: 2 } })
  })

  it('leaves every row as it was and calls no outside system', async () => {
    expect(await rowsChecksum(kairos)).toEqual(before)
    await kairos.advance('2d')
    expect(outside.received).toEqual([])
  })
})
