import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'

/**
 * Reserves the channel's next send slot under its rate limit and returns its
 * time: now when the channel is idle, later when messages are already queued
 * ahead. Slots are handed out one after another, `1 / ratePerSecond` apart,
 * so no message is dropped, they go in reservation order, and a busy channel
 * holds up no other channel.
 */
export async function reserveSlot(db: Db, channel: string, now: Date): Promise<Date> {
  const { rows } = await sql<{ slot: Date }>`
    with current as (
      select name, greatest(next_slot, ${now}) as slot, rate_per_second from channels where name = ${channel} for update
    )
    update channels set next_slot = current.slot + make_interval(secs => 1.0 / current.rate_per_second)
    from current where channels.name = current.name and current.rate_per_second is not null
    returning current.slot`.execute(db)
  return rows[0]?.slot ?? now
}
