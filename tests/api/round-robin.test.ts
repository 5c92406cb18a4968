import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assignRep } from '../../packages/server/src/sales/assign-rep.ts'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// Issue 12: contacts that arrive together must still be dealt out evenly. Concurrent
// requests land in several ingest and advance transactions at once, and one advance
// transaction assigns many runs one after another at the same clock instant.
describe('assign.sales round robin under concurrency', () => {
  let kairos: TestKairos

  beforeAll(async () => {
    kairos = await startTestKairos()
    await kairos.api('PUT', '/api/sales-reps/ana', { name: 'Ana', team: 'west' })
    await kairos.api('PUT', '/api/sales-reps/bo', { name: 'Bo', team: 'west' })
    await kairos.api('PUT', '/api/sales-reps/cy', { name: 'Cy', team: 'west', available: false })
    // Another team's rep, always the first in id order: never given a west contact.
    await kairos.api('PUT', '/api/sales-reps/aaron', { name: 'Aaron', team: 'east' })
    await publishFlow(kairos, 'Lead handoff', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'lead' } },
        { id: 'assign', type: 'assign.sales', config: { strategy: 'round_robin', team: 'west' } },
      ],
      edges: [{ source: 'in', target: 'assign' }],
    })
  })
  afterAll(async () => {
    await kairos?.stop()
  })

  /** How many of the contacts whose id starts with `prefix` each rep owns. */
  const owners = async (prefix: string) => {
    const { contacts } = (await kairos.api('GET', `/api/contacts?q=${prefix}&limit=100`)).body
    const counts: Record<string, number> = { ana: 0, bo: 0, cy: 0, aaron: 0 }
    for (const contact of contacts) counts[contact.ownerId ?? 'none'] = (counts[contact.ownerId ?? 'none'] ?? 0) + 1
    return { total: contacts.length, counts }
  }
  const ids = (prefix: string) => Array.from({ length: 30 }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`)

  it('splits 30 contacts posted as 30 concurrent requests 15 / 15 / 0', async () => {
    const answers = await Promise.all(ids('solo-').map((contact) => kairos.api('POST', '/api/events', { contact, name: 'lead' })))
    expect(answers.map((a) => a.status).filter((s) => s >= 300)).toEqual([])
    await kairos.drain()
    expect(await owners('solo-')).toEqual({ total: 30, counts: { ana: 15, bo: 15, cy: 0, aaron: 0 } })
  })

  it('splits 30 contacts posted as one batch 15 / 15 / 0', async () => {
    const answer = await kairos.api('POST', '/api/events', { events: ids('batch-').map((contact) => ({ contact, name: 'lead' })) })
    expect(answer.status).toBeLessThan(300)
    await kairos.drain()
    expect(await owners('batch-')).toEqual({ total: 30, counts: { ana: 15, bo: 15, cy: 0, aaron: 0 } })
  })

  /**
   * Assigns as parallel advance batches would: `transactions` at once, each making `picks`
   * in a row at one instant, from `teamOf(transaction, pick)`; counts the reps given.
   */
  const assignInParallel = async (transactions: number, picks: number, teamOf: (t: number, i: number) => string) => {
    const now = kairos.now()
    const given = await Promise.all(
      Array.from({ length: transactions }, (_, t) =>
        kairos.core.database.db.transaction().execute(async (trx) => {
          const reps: string[] = []
          for (let i = 0; i < picks; i++) {
            const rep = await assignRep(trx, { strategy: 'round_robin', keepOwner: true, team: teamOf(t, i) }, null, now)
            reps.push(rep?.id ?? 'none')
          }
          return reps
        }),
      ),
    )
    const counts: Record<string, number> = {}
    for (const id of given.flat()) counts[id] = (counts[id] ?? 0) + 1
    return counts
  }

  // Concurrent requests are gathered into few transactions, so the service is driven
  // directly for transactions that overlap.
  // An odd number each: a transaction that read the reps before another's picks committed
  // would start on the rep that other one ended on.
  it('balances picks made by parallel transactions', async () => {
    expect(await assignInParallel(4, 5, () => 'west')).toEqual({ ana: 10, bo: 10 })
  })

  it('does not deadlock when parallel transactions pick from two teams in opposite orders', async () => {
    expect(await assignInParallel(4, 10, (t, i) => ((i + t) % 2 === 0 ? 'west' : 'east'))).toEqual({ ana: 10, bo: 10, aaron: 20 })
  })
})
