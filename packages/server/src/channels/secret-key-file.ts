import { randomBytes } from 'node:crypto'
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

/** The key file Kairos keeps beside its embedded database when no KAIROS_SECRET_KEY is set. */
export const SECRET_KEY_FILE = 'secret.key'

/** A fresh key: 32 random bytes, base64. */
export const newSecretKey = () => randomBytes(32).toString('base64')

/**
 * Reads the key in `path`, creating it first (32 random bytes, base64, mode
 * 0600) when there is none. Two processes starting at once agree: the file is
 * created exclusively, and the loser reads the winner's key. A key file that
 * others may read is made private again (`repaired`).
 */
export async function loadOrCreateSecretKey(path: string): Promise<{ key: string; created: boolean; repaired: boolean }> {
  await mkdir(dirname(path), { recursive: true })
  let created = false
  try {
    await writeFile(path, `${newSecretKey()}\n`, { mode: 0o600, flag: 'wx' })
    created = true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const key = (await readFile(path, 'utf8')).trim()
  if (!key) throw new Error(`${path} is empty: restore the key that sealed the channel secrets, or delete the file to start with a new one`)
  let repaired = false
  if (process.platform !== 'win32' && ((await stat(path)).mode & 0o077) !== 0) {
    await chmod(path, 0o600)
    repaired = true
  }
  return { key, created, repaired }
}
