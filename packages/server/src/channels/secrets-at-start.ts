import { join } from 'node:path'
import type { KairosConfig } from '../config.ts'
import type { ChannelService } from './channel-service.ts'
import { loadOrCreateSecretKey, SECRET_KEY_FILE } from './secret-key-file.ts'

type Log = { info(message: string): void; error(message: string): void }

/**
 * The key channel secrets are sealed with: KAIROS_SECRET_KEY when set; with
 * the embedded database, else, the one kept in `<dataDir>/secret.key`
 * (created on first start); with an external database and no key, none (and
 * channels with secrets cannot be saved). The key is never logged, only its id.
 */
export async function secretKeyAtStart(config: KairosConfig, log: Log): Promise<string | undefined> {
  if (config.secretKey) return config.secretKey
  if (config.databaseUrl) {
    log.info('KAIROS_SECRET_KEY is not set: channels with secrets (tokens, passwords, webhook URLs) cannot be saved until it is')
    return undefined
  }
  const path = join(config.dataDir, SECRET_KEY_FILE)
  const { key, created, repaired } = await loadOrCreateSecretKey(path)
  if (created) log.info(`channel secrets are sealed with a new key kept in ${path}; back it up with the data folder`)
  if (repaired) log.error(`${path} was readable by other users; its mode is now 0600`)
  return key
}

/** Seals what earlier versions stored in plain text, and says what cannot be opened. */
export async function sealStoredSecrets(channels: ChannelService, log: Log): Promise<void> {
  const { sealed, plain, unreadable } = await channels.sealStored()
  if (sealed > 0) log.info(`sealed the secrets of ${sealed} channel(s) that were stored in plain text (key ${channels.keyId})`)
  if (plain > 0) log.error(`${plain} channel(s) hold secrets in plain text: set KAIROS_SECRET_KEY and restart to seal them`)
  if (unreadable.length > 0)
    log.error(
      `the secrets of channel(s) ${unreadable.join(', ')} do not open with this server's key${channels.keyId ? ` (key ${channels.keyId})` : ''}: ` +
        'start with the key that sealed them, or save those channels again',
    )
}
