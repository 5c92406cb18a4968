import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pruneHistory } from '../../packages/server/src/retention/prune-history.ts'
import { readRetention, type RetentionSettings } from '../../packages/server/src/retention/retention-settings.ts'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

const MONTH: RetentionSettings = { stepsDays: 30, deliveriesDays: 30, eventsDays: 30, auditDays: 30 }
const WINDOW = 'from=2027-04-01T00:00:00Z&to=2027-07-01T00:00:00Z'

// Old history is deleted by the worker's daily pass; what operators read from it (reports, live counters) is not changed.
describe('retention', () => {
  let kairos: TestKairos
  const count = async (query: string) =>
    (await sql<{ n: number }>`${sql.raw(query)}`.execute(kairos.core.database.db)).rows[0].n

  beforeAll(async () => {
    kairos = await startTestKairos({ startAt: '2027-04-05T00:00:00Z', retention: MONTH })
  })
  afterAll(() => kairos?.stop())

  it('reads the days per kind, the general setting and off', () => {
    expect(readRetention({})).toEqual({ stepsDays: null, deliveriesDays: null, eventsDays: null, auditDays: null })
    expect(readRetention({ KAIROS_RETENTION_DAYS: '180', KAIROS_RETENTION_AUDIT_DAYS: 'off', KAIROS_RETENTION_EVENTS_DAYS: '365' }))
      .toEqual({ stepsDays: 180, deliveriesDays: 180, eventsDays: 365, auditDays: null })
    expect(readRetention({ KAIROS_RETENTION_STEPS_DAYS: '7' })).toEqual({ stepsDays: 7, deliveriesDays: null, eventsDays: null, auditDays: null })
    expect(() => readRetention({ KAIROS_RETENTION_DAYS: '1.5' })).toThrow(/KAIROS_RETENTION_DAYS/)
    expect(() => readRetention({ KAIROS_RETENTION_DELIVERIES_DAYS: 'soon' })).toThrow(/KAIROS_RETENTION_DELIVERIES_DAYS/)
  })

  it('deletes old steps, deliveries, events and audit rows in its daily pass and keeps reports, counters and the rest', async () => {
    const welcome = await publishFlow(kairos, 'Welcome', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'signed_up' } },
        { id: 'gold', type: 'branch', config: { branches: [{ port: 'yes', when: { attribute: 'tier', op: 'eq', value: 'gold' } }], otherwise: 'no' } },
        { id: 'sms', type: 'send.sms', config: { text: 'Welcome, gold member' } },
        { id: 'tag', type: 'tag', config: { add: ['welcomed'] } },
      ],
      edges: [
        { source: 'in', target: 'gold' }, { source: 'gold', sourcePort: 'yes', target: 'sms' },
        { source: 'gold', sourcePort: 'no', target: 'tag' }, { source: 'sms', target: 'tag' },
      ],
      settings: { reentry: 'always' },
    })
    const patience = await publishFlow(kairos, 'Patience', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'cart_added' } },
        { id: 'wait', type: 'wait', config: { for: '60d' } },
        { id: 'tag', type: 'tag', config: { add: ['patient'] } },
      ],
      edges: [{ source: 'in', target: 'wait' }, { source: 'wait', target: 'tag' }],
    })
    const contact = (i: number) => ({ attributes: { phone: `+86138${String(i).padStart(8, '0')}`, tier: i % 2 === 0 ? 'gold' : 'silver' } })
    for (let i = 0; i < 10; i++) await kairos.api('PUT', `/api/contacts/old-${i}`, contact(i))
    for (let i = 0; i < 4; i++) await kairos.api('PUT', `/api/contacts/waiting-${i}`, contact(i))
    // Old history: ten journeys that finish today, four that will wait for 60 days.
    await kairos.api('POST', '/api/events', { events: Array.from({ length: 10 }, (_, i) => ({ contact: `old-${i}`, name: 'signed_up' })) })
    await kairos.api('POST', '/api/events', { events: Array.from({ length: 4 }, (_, i) => ({ contact: `waiting-${i}`, name: 'cart_added' })) })
    await kairos.drain()
    // Fresh history, three weeks later: still inside the month when the pass runs.
    await kairos.advance('20d')
    for (let i = 0; i < 3; i++) await kairos.api('PUT', `/api/contacts/fresh-${i}`, contact(i))
    await kairos.api('POST', '/api/events', { events: Array.from({ length: 3 }, (_, i) => ({ contact: `fresh-${i}`, name: 'signed_up' })) })
    await kairos.api('POST', `/api/flows/${welcome}/pause`)
    await kairos.api('POST', `/api/flows/${welcome}/resume`)
    await kairos.drain()

    const report = async (flowId: string) => (await kairos.api('GET', `/api/flows/${flowId}/report?${WINDOW}`)).body
    const stats = async (flowId: string) => (await kairos.api('GET', `/api/flows/${flowId}/stats`)).body
    const before = { welcome: await report(welcome), patience: await report(patience), welcomeStats: await stats(welcome), patienceStats: await stats(patience) }
    expect(before.welcome.nodes.in).toEqual({ entered: 13, completed: 13, exited: 0, exitedBy: {}, failed: 0, waitingNow: 0 })
    expect(before.welcome.messages.sms.sent).toBe(7)
    expect(before.welcomeStats.edges['gold:yes']).toBe(7)
    const oldAudit = await count(`select count(*)::int as n from audit_log where at < '2027-04-06'`)
    expect(oldAudit).toBeGreaterThan(0)

    // A month and a day after the old journeys: the daily pass finds them past retention.
    await kairos.advance('11d')
    const oldRuns = `select r.id from runs r join contacts c on c.id = r.contact_id where c.external_id like 'old-%'`
    expect(await count(`select count(*)::int as n from steps where run_id in (${oldRuns})`)).toBe(0)
    expect(await count(`select count(*)::int as n from deliveries where run_id in (${oldRuns})`)).toBe(0)
    expect(await count(`select count(*)::int as n from events e join contacts c on c.id = e.contact_id where c.external_id like 'old-%'`)).toBe(0)
    expect(await count(`select count(*)::int as n from audit_log where at < '2027-04-06'`)).toBe(0)
    // Kept: every run's row, the fresh journeys' history, and the waiting runs' steps and their contacts' events.
    expect(await count('select count(*)::int as n from runs')).toBe(17)
    expect(await count(`select count(*)::int as n from steps s join runs r on r.id = s.run_id join contacts c on c.id = r.contact_id where c.external_id like 'fresh-%'`)).toBe(3 * 3 + 2)
    expect(await count(`select count(*)::int as n from deliveries d join contacts c on c.id = d.contact_id where c.external_id like 'fresh-%'`)).toBe(2)
    expect(await count(`select count(*)::int as n from steps s join runs r on r.id = s.run_id where r.flow_id = '${patience}'`)).toBe(4)
    expect(await count(`select count(*)::int as n from events e join contacts c on c.id = e.contact_id where c.external_id not like 'old-%'`)).toBe(7)
    expect(await count(`select count(*)::int as n from audit_log where at >= '2027-04-25'`)).toBeGreaterThan(0)
    const { rows: [oldRun] } = await sql<{ id: string }>`${sql.raw(oldRuns)} limit 1`.execute(kairos.core.database.db)
    const summary = (await kairos.api('GET', `/api/runs/${oldRun.id}`)).body
    expect(summary).toMatchObject({ status: 'completed', steps: [] })

    expect(await count('select count(*)::int as n from step_rollups')).toBeGreaterThan(0)
    expect(await count(`select sum(n)::int as n from delivery_rollups where status = 'sent'`)).toBe(5)
    const after = { welcome: await report(welcome), patience: await report(patience), welcomeStats: await stats(welcome), patienceStats: await stats(patience) }
    expect(after).toEqual(before)

    // A second pass (or two workers' passes) deletes nothing more and counts nothing twice.
    const again = await pruneHistory(kairos.core.database.db, { settings: MONTH, now: kairos.now() })
    expect(again).toEqual({ deleted: { steps: 0, deliveries: 0, events: 0, audit: 0 }, done: true })
    await kairos.advance('1d')
    expect({ welcome: await report(welcome), patience: await report(patience), welcomeStats: await stats(welcome), patienceStats: await stats(patience) }).toEqual(before)
    // One pass is pending, for the next day.
    const pending = await sql<{ run_at: Date }>`select run_at from graphile_worker.jobs where task_identifier = 'kairos.retention'`.execute(kairos.core.database.db)
    expect(pending.rows).toHaveLength(1)
    expect(pending.rows[0].run_at.getTime()).toBeGreaterThan(kairos.now().getTime())
  })

  it('prunes the waiting runs once they finish and are a month old, and the report still counts them', async () => {
    const { rows: [flow] } = await sql<{ id: string }>`select id from flows where name = 'Patience'`.execute(kairos.core.database.db)
    const before = (await kairos.api('GET', `/api/flows/${flow.id}/stats`)).body
    await kairos.advance('30d')
    const finished = (await kairos.api('GET', `/api/flows/${flow.id}/stats`)).body
    expect(finished.nodes.tag).toEqual({ entered: 4, waiting: 0, completed: 4, exited: 0, failed: 0 })
    expect(finished.nodes.wait.entered).toBe(before.nodes.wait.entered)
    await kairos.advance('31d')
    expect(await count(`select count(*)::int as n from steps s join runs r on r.id = s.run_id where r.flow_id = '${flow.id}'`)).toBe(0)
    expect((await kairos.api('GET', `/api/flows/${flow.id}/stats`)).body).toEqual(finished)
  })
})
