import { createCipheriv, createHash, randomBytes } from 'node:crypto'
import { mkdtemp, rm, stat, writeFile, chmod } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { NoSecretKey, SecretBox, UnreadableSecrets } from '../src/channels/secret-box.ts'
import { loadOrCreateSecretKey } from '../src/channels/secret-key-file.ts'
import { secretKeyAtStart } from '../src/channels/secrets-at-start.ts'
import { readConfig } from '../src/config.ts'

/** A value sealed the way Kairos did before key ids (`v1:<iv>:<tag>:<data>`). */
function sealV1(secret: string, values: Record<string, unknown>): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', createHash('sha256').update(secret).digest(), iv)
  const data = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()])
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':')
}

describe('SecretBox', () => {
  const box = new SecretBox('key-a')

  it('seals under a key id and opens what it sealed', () => {
    const sealed = box.seal({ token: 'sk-1' })
    expect(sealed).toMatch(/^v2:[0-9a-f]{12}:/)
    expect(sealed.split(':')[1]).toBe(box.keyId)
    expect(sealed).not.toContain('sk-1')
    expect(box.open(sealed)).toEqual({ token: 'sk-1' })
    expect(box.isCurrent(sealed)).toBe(true)
    expect(box.seal({})).toBe('')
  })

  it('tells another key, no key, damage and older forms apart, never showing a value', () => {
    const other = new SecretBox('key-b').seal({ token: 'sk-2' })
    expect(() => box.open(other)).toThrow(new UnreadableSecrets(`sealed with key ${new SecretBox('key-b').keyId}, not with this server's KAIROS_SECRET_KEY (key ${box.keyId})`))
    expect(() => new SecretBox(undefined).open(other)).toThrow(/and this server has no KAIROS_SECRET_KEY/)
    const parts = box.seal({ token: 'sk-3' }).split(':')
    const tag = Buffer.from(parts[3], 'base64')
    tag[0] ^= 1
    const damaged = [...parts.slice(0, 3), tag.toString('base64'), parts[4]].join(':')
    expect(() => box.open(damaged)).toThrow('sealed with this key but damaged')
    expect(() => box.open('v9:junk')).toThrow('not in a form Kairos knows')
    const v1 = sealV1('key-a', { token: 'sk-old' })
    expect(box.open(v1)).toEqual({ token: 'sk-old' })
    expect(box.needsSealing(v1)).toBe(true)
    expect(() => new SecretBox('key-b').open(v1)).toThrow(/sealed \(v1\) with another key/)
    expect(box.open('plain:{"token":"sk-plain"}')).toEqual({ token: 'sk-plain' })
    expect(box.needsSealing('plain:{"token":"sk-plain"}')).toBe(true)
    expect(new SecretBox(undefined).needsSealing('plain:{}')).toBe(false)
  })

  it('refuses to seal a secret without a key', () => {
    expect(() => new SecretBox(undefined).seal({ token: 'x' })).toThrow(NoSecretKey)
    expect(new SecretBox(undefined).seal({})).toBe('')
  })
})

describe('the embedded database key file', () => {
  const dirs: string[] = []
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kairos-key-'))
    dirs.push(dir)
    return dir
  }
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true })
  })
  const log = () => {
    const lines: string[] = []
    return { lines, info: (m: string) => void lines.push(m), error: (m: string) => void lines.push(m) }
  }

  it('is created on first start (32 random bytes, mode 0600), reused after, and never logged', async () => {
    const dataDir = await tempDir()
    const config = { ...readConfig({ KAIROS_DATA_DIR: dataDir }), databaseUrl: undefined }
    const first = log()
    const key = await secretKeyAtStart(config, first)
    expect(Buffer.from(key!, 'base64')).toHaveLength(32)
    expect((await stat(join(dataDir, 'secret.key'))).mode & 0o777).toBe(0o600)
    expect(first.lines.join('\n')).toContain(join(dataDir, 'secret.key'))
    expect(first.lines.join('\n')).not.toContain(key)
    const again = log()
    expect(await secretKeyAtStart(config, again)).toBe(key)
    expect(again.lines).toEqual([])
  })

  it('prefers KAIROS_SECRET_KEY, and makes none for an external database', async () => {
    const dataDir = await tempDir()
    expect(await secretKeyAtStart(readConfig({ KAIROS_DATA_DIR: dataDir, KAIROS_SECRET_KEY: 'from-env' }), log())).toBe('from-env')
    const external = log()
    expect(await secretKeyAtStart(readConfig({ KAIROS_DATA_DIR: dataDir, DATABASE_URL: 'postgres://x@127.0.0.1/x' }), external)).toBeUndefined()
    expect(external.lines.join()).toContain('KAIROS_SECRET_KEY is not set')
  })

  it('makes a key file others can read private again, and refuses an empty one', async () => {
    const dir = await tempDir()
    const path = join(dir, 'secret.key')
    await writeFile(path, 'abc\n')
    await chmod(path, 0o644)
    expect(await loadOrCreateSecretKey(path)).toEqual({ key: 'abc', created: false, repaired: true })
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    await writeFile(path, '\n')
    await expect(loadOrCreateSecretKey(path)).rejects.toThrow(/is empty/)
  })
})
