// `npm run secrets:rotate`: re-seals every channel's secrets under a new key, in one transaction.
//
//   DATABASE_URL           the database; without it, the embedded one under KAIROS_DATA_DIR
//                          (default ./.kairos), which must not be running (stop Kairos first)
//   KAIROS_SECRET_KEY      the key the secrets are sealed with now; with the embedded database
//                          it defaults to <data dir>/secret.key
//   KAIROS_NEW_SECRET_KEY  the key to seal them with; required with DATABASE_URL. With the
//                          embedded database it defaults to a new random key, and the key file
//                          holds the new key afterwards (unless KAIROS_SECRET_KEY was given).
//
// Neither key is ever printed; only their ids (the prefix of sealed values) are.
import { existsSync } from 'node:fs'
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { rotateSecrets } from '../channels/rotate-secrets.ts'
import { SecretBox } from '../channels/secret-box.ts'
import { newSecretKey, SECRET_KEY_FILE } from '../channels/secret-key-file.ts'
import { REPO_ROOT } from '../config.ts'
import { connectDb } from '../db/connect.ts'
import { runningServer, startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded.ts'

function fail(message: string, code = 2): never {
  console.error(`secrets:rotate: ${message}`)
  process.exit(code)
}

const env = process.env
const dataDir = resolve(env.KAIROS_DATA_DIR || join(REPO_ROOT, '.kairos'))
const keyFile = join(dataDir, SECRET_KEY_FILE)
const pgDir = join(dataDir, 'postgres')
let databaseUrl = env.DATABASE_URL || undefined
// With the embedded database and no key in the environment, the key file is the key Kairos starts with.
const usesKeyFile = !databaseUrl && !env.KAIROS_SECRET_KEY

if (!databaseUrl) {
  if (!existsSync(join(pgDir, 'PG_VERSION'))) fail(`no DATABASE_URL and no embedded database in ${pgDir}`)
  const running = await runningServer(pgDir)
  if (running) fail(`the embedded database in ${pgDir} is in use (postmaster pid ${running.pid}): stop Kairos first`)
}
const oldKey = env.KAIROS_SECRET_KEY || (usesKeyFile && existsSync(keyFile) ? (await readFile(keyFile, 'utf8')).trim() : undefined)
const newKey = env.KAIROS_NEW_SECRET_KEY || (usesKeyFile ? newSecretKey() : undefined)
if (!newKey) fail('set KAIROS_NEW_SECRET_KEY to the key to seal the secrets with (and KAIROS_SECRET_KEY to the current one)')
if (oldKey === newKey) fail('KAIROS_NEW_SECRET_KEY is the current key: nothing to rotate')
const from = new SecretBox(oldKey)
const to = new SecretBox(newKey)

let embedded: EmbeddedDatabase | undefined
if (!databaseUrl) {
  embedded = await startEmbeddedPostgres(pgDir)
  databaseUrl = embedded.url('kairos')
}
// The new key is on disk before the commit, so a crash between the two cannot lose it.
const pendingKeyFile = `${keyFile}.new`
if (usesKeyFile) await writeFile(pendingKeyFile, `${newKey}\n`, { mode: 0o600 })
const handle = connectDb(databaseUrl)
let exitCode = 0
try {
  const result = await rotateSecrets(handle.db, from, to)
  if (usesKeyFile) await rename(pendingKeyFile, keyFile)
  console.log(
    `re-sealed the secrets of ${result.resealed.length} channel(s) under key ${to.keyId}` +
      (result.alreadyCurrent.length ? ` (${result.alreadyCurrent.length} already were)` : '') +
      (from.keyId ? `; key ${from.keyId} no longer opens them` : ''),
  )
  console.log(usesKeyFile ? `${keyFile} holds the new key` : 'start Kairos with KAIROS_SECRET_KEY set to the new key')
} catch (error) {
  if (usesKeyFile) await rm(pendingKeyFile, { force: true })
  console.error(`secrets:rotate: ${(error as Error).message}`)
  exitCode = 1
} finally {
  await handle.close()
  await embedded?.stop()
}
process.exit(exitCode)
