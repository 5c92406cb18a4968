import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seenIn } from '../../packages/server/src/live/flow-counters.ts'
import { LIVE_CHANNEL } from '../../packages/server/src/live/live-deltas.ts'
import { loadFlowFixture, publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// A commit's notification may reach the hub after the statement that read the counters already
// saw that commit (Postgres sends notifications between commands). Counted twice, a reloaded
// canvas showed 12 entered for 6 contacts; each delta names its transaction and the hub skips
// those its snapshot saw.
describe('live counters around the snapshot', () => {
  let kairos: TestKairos
  let flowId: string

  beforeAll(async () => {
    kairos = await startTestKairos()
    flowId = await publishFlow(kairos, 'Cart abandonment', await loadFlowFixture('cart-abandonment'))
  })
  afterAll(() => kairos?.stop())

  it('reads a snapshot as Postgres writes it', () => {
    expect(seenIn('100:105:101,103', '99')).toBe(true)
    expect(seenIn('100:105:101,103', '102')).toBe(true)
    expect(seenIn('100:105:101,103', '103')).toBe(false)
    expect(seenIn('100:105:', '105')).toBe(false)
    expect(seenIn('100:105:', 'x')).toBe(false)
  })

  it('skips a change whose transaction the snapshot already counted, and adds a later one', async () => {
    const db = kairos.app.kairos.database.db
    // A transaction that committed before the hub reads its counters.
    const { rows } = await sql<{ xid: string }>`select pg_current_xact_id()::text as xid`.execute(db)
    const received: Array<{ nodes: Record<string, { entered: number }> }> = []
    const unsubscribe = await kairos.app.liveHub.subscribe(flowId, (message) => received.push(message))
    const delta = (entered: number, xid: string | null) =>
      JSON.stringify({ flowId, at: Date.now(), nodes: { cart: { entered, waiting: 0, completed: entered, exited: 0, failed: 0 } }, edges: {}, ...(xid ? { xid } : {}) })
    // Its notification arrives late: the hub has seen it in the snapshot and must not add it.
    await sql`select pg_notify(${LIVE_CHANNEL}, ${delta(5, rows[0].xid)})`.execute(db)
    // A change from a transaction after the snapshot counts.
    await db.transaction().execute(async (trx) => {
      const { rows: later } = await sql<{ xid: string }>`select pg_current_xact_id()::text as xid`.execute(trx)
      await sql`select pg_notify(${LIVE_CHANNEL}, ${delta(7, later[0].xid)})`.execute(trx)
    })
    // 7, never 12: the late one was skipped.
    await expect.poll(() => received.at(-1)?.nodes.cart?.entered, { timeout: 5000 }).toBe(7)
    // One from a process that sends no xid yet still counts.
    await sql`select pg_notify(${LIVE_CHANNEL}, ${delta(1, null)})`.execute(db)
    await expect.poll(() => received.at(-1)?.nodes.cart?.entered, { timeout: 5000 }).toBe(8)
    expect(received.map((m) => m.nodes.cart?.entered ?? 0).every((n) => n <= 8)).toBe(true)
    unsubscribe()
  })
})
