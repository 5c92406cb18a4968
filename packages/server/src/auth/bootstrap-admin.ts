import type { KairosConfig } from '../config.ts'
import type { KairosCore } from '../core.ts'
import { SYSTEM_ACTOR } from './audit-log.ts'

/**
 * Unattended installs: with KAIROS_ADMIN_EMAIL and KAIROS_ADMIN_PASSWORD set and no user yet,
 * creates that administrator (said once in the log; the password never is). With users
 * already there the variables do nothing, so a restart never resets anyone's password.
 */
export async function bootstrapAdmin(core: KairosCore, config: KairosConfig, log: { info(message: string): void }): Promise<void> {
  const admin = config.access.bootstrapAdmin
  if (!admin) {
    if ((await core.users.count()) === 0) log.info('no users yet: open the editor to create the first administrator (or set KAIROS_ADMIN_EMAIL and KAIROS_ADMIN_PASSWORD)')
    return
  }
  const created = await core.users.createFirstAdmin(admin)
  if (!created) return
  await core.audit.record(SYSTEM_ACTOR, { action: 'user.setup', target: { type: 'user', id: created.id }, diff: { email: created.email, role: 'admin', source: 'KAIROS_ADMIN_EMAIL' } })
  log.info(`created the first administrator ${created.email} from KAIROS_ADMIN_EMAIL`)
}
