import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from '@kairos/server'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { SecretBox, UnreadableSecrets } from '../../packages/server/src/channels/secret-box.ts'
import { fakeHttpProvider } from '../support/fake-http-provider.ts'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

const KEY_ONE = 'first-key-for-secrets-test'
const KEY_TWO = 'second-key-for-secrets-test'

/** `npm run secrets:rotate` against the test database. */
function rotate(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'packages/server/src/cli/rotate-secrets.ts')], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('exit', (code) => resolve({ code, output }))
  })
}

// Channel secrets at rest: never stored in clear, sealed under a key whose id
// the row carries, readable or reported unreadable, sealed when found in plain
// text, and moved to a new key in one transaction.
describe('channel secrets at rest', () => {
  const provider = fakeHttpProvider()
  let url: string
  let kairos: TestKairos

  beforeAll(async () => {
    url = `${await provider.listen()}/sms`
    kairos = await startTestKairos({ secretKey: null })
  })
  afterEach(() => void (provider.received.length = 0))
  afterAll(async () => {
    await kairos?.stop()
    await provider.close()
  })

  const rowOf = async (name: string) =>
    (await kairos.core.database.pool.query<{ config: string; secrets: string }>('select config::text, secrets from channels where name = $1', [name])).rows[0]
  const insertRow = (name: string, secrets: string) =>
    kairos.core.database.pool.query(`insert into channels (name, kind, config, secrets) values ($1, 'sms.http', $2, $3)`, [name, JSON.stringify({ url }), secrets])
  const channelView = async (name: string) => (await kairos.api('GET', '/api/channels')).body.channels.find((c: any) => c.name === name)
  const smsFlow = (channel: string, event: string) => ({
    nodes: [
      { id: 'in', type: 'trigger.event', config: { event } },
      { id: 'sms', type: 'send.sms', config: { text: 'Hello', channel, category: 'transactional' } },
    ],
    edges: [{ source: 'in', target: 'sms' }],
    settings: { reentry: 'always' as const },
  })
  const send = async (contact: string, event: string) => {
    await kairos.api('PUT', `/api/contacts/${contact}`, { attributes: { phone: '+8613900000050' } })
    await kairos.api('POST', '/api/events', { contact, name: event })
    await kairos.drain()
    return (await kairos.api('GET', `/api/deliveries?contact=${contact}`)).body.deliveries.at(-1)
  }

  it('with an external database and no key, refuses to store a secret, naming the field and the remedy; channels without one still save', async () => {
    const refused = await kairos.api('PUT', '/api/channels/sms-main', { kind: 'sms.http', config: { url, token: 'sk-would-be-plain' } })
    expect(refused.status).toBe(400)
    expect(refused.body.error).toMatchObject({ code: 'KAIROS_VALIDATION', message: expect.stringContaining('set KAIROS_SECRET_KEY') })
    expect(refused.body.error.details).toEqual([
      { field: 'body.config.token', message: 'is a secret, and this server has no key to seal it with: set KAIROS_SECRET_KEY (Kairos never stores secrets in plain text)' },
    ])
    expect(await rowOf('sms-main')).toBeUndefined()
    const webhook = await kairos.api('PUT', '/api/channels/crm', { kind: 'webhook', config: { url, secret: 'whsec-0123456789' } })
    expect(webhook.body.error.details[0].field).toBe('body.config.secret')
    const plain = await kairos.api('PUT', '/api/channels/sms-open', { kind: 'sms.http', config: { url } })
    expect(plain.status).toBe(200)
    expect((await rowOf('sms-open')).secrets).toBe('')
  })

  it('with a key, seals a secret: the row holds only the sealed form, and the provider still gets the value', async () => {
    await kairos.restart({ secretKey: KEY_ONE })
    const put = await kairos.api('PUT', '/api/channels/sms-main', { kind: 'sms.http', config: { url, token: 'sk-live-one' } })
    expect(put.body).toMatchObject({ status: 'ok', secretsSet: ['token'], config: { token: '••••••••' } })
    const row = await rowOf('sms-main')
    expect(row.secrets).toMatch(new RegExp(`^v2:${new SecretBox(KEY_ONE).keyId}:`))
    expect(row.secrets + row.config).not.toContain('sk-live-one')
    await publishFlow(kairos, 'Through sms-main', smsFlow('sms-main', 'ping_main'))
    expect(await send('ann', 'ping_main')).toMatchObject({ status: 'sent' })
    expect(provider.received[0].headers.authorization).toBe('Bearer sk-live-one')
    for (const path of ['/api/channels', '/api/channels/sms-main', '/api/deliveries?contact=ann'])
      expect(JSON.stringify((await kairos.api('GET', path)).body)).not.toContain('sk-live-one')
  })

  it('lists a channel sealed by another key as unreadable instead of failing, and a message through it fails saying why', async () => {
    await insertRow('sms-foreign', new SecretBox('someone-elses-key').seal({ token: 'sk-foreign' }))
    const list = await kairos.api('GET', '/api/channels')
    expect(list.status).toBe(200)
    const foreign = await channelView('sms-foreign')
    expect(foreign).toMatchObject({ status: 'unreadable', secretsSet: [], config: { url } })
    expect(foreign.unreadable).toBe(
      `sealed with key ${new SecretBox('someone-elses-key').keyId}, not with this server's KAIROS_SECRET_KEY (key ${new SecretBox(KEY_ONE).keyId})`,
    )
    expect((await channelView('sms-main')).status).toBe('ok')
    expect((await kairos.api('GET', '/api/channels/sms-foreign')).status).toBe(200)

    await publishFlow(kairos, 'Through sms-foreign', smsFlow('sms-foreign', 'ping_foreign'))
    const delivery = await send('ben', 'ping_foreign')
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1 })
    expect(delivery.error).toBe(`channel "sms-foreign" cannot be used: its secrets do not open (${foreign.unreadable}); save the channel again or start Kairos with the key that sealed it`)
    expect(provider.received).toHaveLength(0)

    // Its secret cannot be kept by sending the mask back; typing it again repairs the channel.
    const kept = await kairos.api('PUT', '/api/channels/sms-foreign', { kind: 'sms.http', config: { url, token: '••••••••' } })
    expect(kept.body.error.details[0]).toMatchObject({ field: 'body.config.token', message: expect.stringContaining('cannot be kept: the stored value does not open') })
    expect((await kairos.api('PUT', '/api/channels/sms-foreign', { kind: 'sms.http', config: { url, token: 'sk-foreign-2' } })).body.status).toBe('ok')
  })

  it('seals at the next start a row an earlier version left in plain text', async () => {
    await insertRow('sms-legacy', 'plain:{"token":"sk-legacy"}')
    await kairos.restart()
    const row = await rowOf('sms-legacy')
    expect(row.secrets).toMatch(new RegExp(`^v2:${new SecretBox(KEY_ONE).keyId}:`))
    expect(row.secrets).not.toContain('sk-legacy')
    expect(await channelView('sms-legacy')).toMatchObject({ status: 'ok', secretsSet: ['token'] })
  })

  it('rotates every row to a new key in one transaction: all or nothing, and the old key no longer opens them', async () => {
    const env = { DATABASE_URL: kairos.url, KAIROS_SECRET_KEY: KEY_ONE, KAIROS_NEW_SECRET_KEY: KEY_TWO }
    const before = await kairos.core.database.pool.query('select name, secrets from channels order by name')

    // A row the old key cannot open stops the rotation before anything changes.
    await insertRow('sms-stray', new SecretBox('yet-another-key').seal({ token: 'sk-stray' }))
    const stopped = await rotate(env)
    expect(stopped.code).toBe(1)
    expect(stopped.output).toContain('nothing was changed: the secrets of channel "sms-stray"')
    await kairos.core.database.pool.query(`delete from channels where name = 'sms-stray'`)
    expect((await kairos.core.database.pool.query('select name, secrets from channels order by name')).rows).toEqual(before.rows)

    const done = await rotate(env)
    expect(done.code).toBe(0)
    expect(done.output).toContain(`re-sealed the secrets of 3 channel(s) under key ${new SecretBox(KEY_TWO).keyId}`)
    expect(done.output).not.toContain(KEY_ONE)
    expect(done.output).not.toContain(KEY_TWO)
    const rows = (await kairos.core.database.pool.query<{ name: string; secrets: string }>(`select name, secrets from channels where secrets <> '' order by name`)).rows
    expect(rows.map((r) => r.name)).toEqual(['sms-foreign', 'sms-legacy', 'sms-main'])
    for (const row of rows) {
      expect(row.secrets).toMatch(new RegExp(`^v2:${new SecretBox(KEY_TWO).keyId}:`))
      expect(() => new SecretBox(KEY_ONE).open(row.secrets)).toThrow(UnreadableSecrets)
    }
    // This server still has the old key: it sees them unreadable until restarted with the new one.
    expect((await channelView('sms-main')).status).toBe('unreadable')
    await kairos.restart({ secretKey: KEY_TWO })
    expect((await channelView('sms-main')).status).toBe('ok')
    expect(await send('cat', 'ping_main')).toMatchObject({ status: 'sent' })
    expect(provider.received.at(-1)!.headers.authorization).toBe('Bearer sk-live-one')
  })
})
