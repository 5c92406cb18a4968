import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'
import { UnreadableSecrets, type SecretBox } from './secret-box.ts'

/** What a rotation did, by channel name. */
export interface RotationResult {
  resealed: string[]
  /** Already sealed under the new key (a rotation run twice). */
  alreadyCurrent: string[]
}

/**
 * Opens every channel's secrets with `from` and seals them under `to`, in one
 * transaction that holds off other writers to `channels`: either every row
 * moves to the new key or none does. Rows in plain text (from versions that
 * stored them so) open without a key and are sealed too. A row that `from`
 * cannot open stops the rotation, naming the channel and why.
 */
export async function rotateSecrets(db: Db, from: SecretBox, to: SecretBox): Promise<RotationResult> {
  if (!to.canSeal) throw new Error('the new key is empty')
  return db.transaction().execute(async (trx) => {
    await sql`lock table channels in exclusive mode`.execute(trx)
    const rows = await trx.selectFrom('channels').select(['name', 'secrets']).where('secrets', '<>', '').orderBy('name').execute()
    const result: RotationResult = { resealed: [], alreadyCurrent: [] }
    const unreadable: string[] = []
    const updates: Array<{ name: string; secrets: string }> = []
    for (const row of rows) {
      if (to.isCurrent(row.secrets)) {
        result.alreadyCurrent.push(row.name)
        continue
      }
      try {
        updates.push({ name: row.name, secrets: to.seal(from.open(row.secrets)) })
      } catch (error) {
        if (!(error instanceof UnreadableSecrets)) throw error
        unreadable.push(`"${row.name}" (${error.message})`)
      }
    }
    if (unreadable.length > 0) throw new Error(`nothing was changed: the secrets of channel ${unreadable.join(', ')} do not open with the old key`)
    for (const update of updates) {
      await trx.updateTable('channels').set({ secrets: update.secrets }).where('name', '=', update.name).execute()
      result.resealed.push(update.name)
    }
    return result
  })
}
