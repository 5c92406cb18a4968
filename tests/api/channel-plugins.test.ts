import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NodeRegistry } from '@kairos/engine'
import { BUILT_IN_PLUGIN_DIRS, ChannelKindRegistry, loadNodePlugins, REPO_ROOT } from '@kairos/server'
import { pluginSetHash } from '../../packages/server/src/plugins/loader.ts'
import { fakeHttpProvider } from '../support/fake-http-provider.ts'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

/** A plain-JS channel definition of `kind` as module source (`broken`: without its send function). */
const channel = (kind: string, broken = false) => `{
  kind: '${kind}', carries: 'fax', title: '${kind}',
  config: { type: 'object', properties: { url: { type: 'string' } }, additionalProperties: false },
  secret: [], destinations: () => [],${broken ? '' : `\n  send: async () => ({ status: 'sent' }),`}
}`
const node = (type: string) => `{
  type: '${type}', version: 1, title: '${type}', category: 'action',
  config: { type: 'object', properties: {}, additionalProperties: false },
  ports: ['next'], run: () => ({ kind: 'port', port: 'next' }),
}`

async function writePackage(path: string, name: string, kairos: object, modules: Record<string, string>) {
  await mkdir(path, { recursive: true })
  await writeFile(join(path, 'package.json'), JSON.stringify({ name, version: '1.0.0', type: 'module', kairos }))
  for (const [file, source] of Object.entries(modules)) await writeFile(join(path, file), `export default ${source}`)
}

const silent = { info() {}, error() {} }

describe('the plugin loader and channel kinds', () => {
  let root: string

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'kairos-channel-loader-'))
    await writePackage(join(root, 'fax', 'kairos-fax'), 'kairos-fax', { channels: ['./index.js'] }, { 'index.js': `[${channel('fax.one')}, ${channel('fax.two')}]` })
    // Its node type and first channel kind are fine; its second channel kind has no send.
    await writePackage(join(root, 'half', 'kairos-half'), 'kairos-half', { nodes: ['./a.js'], channels: ['./b.js'] }, {
      'a.js': node('half.add'), 'b.js': `[${channel('fax.half')}, ${channel('fax.broken', true)}]`,
    })
    // A built-in kind again, after a kind of its own.
    await writePackage(join(root, 'clash', 'kairos-clash'), 'kairos-clash', { channels: ['./index.js'] }, { 'index.js': `[${channel('fax.clash')}, ${channel('sms.http')}]` })
    await writePackage(join(root, 'twice', 'kairos-twice'), 'kairos-twice', { channels: ['./index.js'] }, { 'index.js': `[${channel('fax.twice')}, ${channel('fax.twice')}]` })
    await writePackage(join(root, 'empty', 'kairos-empty'), 'kairos-empty', { nodes: [], channels: [] }, {})
  })
  afterAll(() => rm(root, { recursive: true, force: true }))

  it('registers a package\'s channel kinds and reports them beside its node types', async () => {
    const kinds = new ChannelKindRegistry()
    const [report] = await loadNodePlugins([join(root, 'fax')], new NodeRegistry(), silent, kinds)
    expect(report).toMatchObject({ package: 'kairos-fax', status: 'loaded', nodeTypes: [], channelKinds: ['fax.one', 'fax.two'] })
    expect(kinds.list().map((k) => k.kind)).toEqual(['fax.one', 'fax.two'])
  })

  it('loads the built-in kinds from channels/, one package each', async () => {
    const kinds = new ChannelKindRegistry()
    const reports = await loadNodePlugins([...BUILT_IN_PLUGIN_DIRS], new NodeRegistry(), silent, kinds)
    expect(reports.filter((r) => r.channelKinds.length > 0).map((r) => [r.package, r.channelKinds])).toEqual([
      ['@kairos/channel-call-http', ['call.http']],
      ['@kairos/channel-email-smtp', ['email.smtp']],
      ['@kairos/channel-sms-aliyun', ['sms.aliyun']],
      ['@kairos/channel-sms-http', ['sms.http']],
      ['@kairos/channel-sms-tencent', ['sms.tencent']],
      ['@kairos/channel-webhook', ['webhook']],
      ['@kairos/channel-wechat-oa', ['wechat.template']],
      ['@kairos/channel-wecom-app', ['wecom.app']],
      ['@kairos/channel-wecom-robot', ['wecom.robot']],
    ])
    expect(reports.filter((r) => r.status === 'failed')).toEqual([])
  })

  it('registers none of a package whose second channel definition is broken, not even its node type, naming the module and what is wrong', async () => {
    const nodes = new NodeRegistry()
    const kinds = new ChannelKindRegistry()
    const [report] = await loadNodePlugins([join(root, 'half')], nodes, silent, kinds)
    expect(report).toMatchObject({ status: 'failed', nodeTypes: [], channelKinds: [], definition: './b.js', reason: './b.js: not a channel definition: send must be a function' })
    expect(nodes.has('half.add')).toBe(false)
    expect(kinds.has('fax.half')).toBe(false)
  })

  it('refuses a kind another package provides, and one a package defines twice, registering none of that package', async () => {
    const kinds = new ChannelKindRegistry()
    const reports = await loadNodePlugins([join(REPO_ROOT, 'channels'), join(root, 'clash'), join(root, 'twice')], new NodeRegistry(), silent, kinds)
    expect(reports.find((r) => r.package === 'kairos-clash')).toMatchObject({
      status: 'failed', definition: 'channel kind sms.http', reason: 'channel kind sms.http: already provided by another package',
    })
    expect(reports.find((r) => r.package === 'kairos-twice')).toMatchObject({ status: 'failed', reason: 'channel kind fax.twice: defined twice in this package' })
    expect(kinds.has('fax.clash')).toBe(false)
    expect(kinds.has('fax.twice')).toBe(false)
    expect(kinds.get('sms.http')?.title).toBe('SMS over HTTP')
  })

  it('refuses a "kairos" key that lists no module', async () => {
    const [report] = await loadNodePlugins([join(root, 'empty')], new NodeRegistry(), silent)
    expect(report).toMatchObject({ status: 'failed', reason: expect.stringContaining('"kairos.channels"') })
  })

  it('counts channel kinds in the plugin set hash', async () => {
    const without = pluginSetHash(await loadNodePlugins([join(REPO_ROOT, 'channels')], new NodeRegistry(), silent))
    expect(pluginSetHash(await loadNodePlugins([join(REPO_ROOT, 'channels')], new NodeRegistry(), silent))).toBe(without)
    expect(pluginSetHash(await loadNodePlugins([join(REPO_ROOT, 'channels'), join(root, 'fax')], new NodeRegistry(), silent))).not.toBe(without)
  })
})

describe('a channel kind from a plugin package, through the API', () => {
  const provider = fakeHttpProvider((status) => (status < 300 ? { faxId: 'F-77' } : { error: 'line busy' }))
  let kairos: TestKairos
  let url: string

  const fax = async (contact: string, text: string) => {
    await kairos.api('PUT', `/api/contacts/${contact}`, { attributes: { fax: '+4930123456' } })
    await kairos.api('POST', '/api/events', { contact, name: 'fax_due', properties: { text } })
    await kairos.drain()
    return (await kairos.api('GET', `/api/deliveries?contact=${contact}`)).body.deliveries[0]
  }
  const publishFax = (text: string) =>
    publishFlow(kairos, `Fax ${text}`, {
      nodes: [{ id: 'in', type: 'trigger.event', config: { event: 'fax_due', where: { text } } }, { id: 'fax', type: 'test.fax', config: { channel: 'fax-main', text } }],
      edges: [{ source: 'in', target: 'fax' }],
    })

  beforeAll(async () => {
    url = await provider.listen()
    kairos = await startTestKairos({ pluginDirs: [join(REPO_ROOT, 'tests', 'fixtures', 'channel-plugins')] })
  })
  afterAll(async () => {
    await kairos?.stop()
    await provider.close()
  })

  it('is listed with the built-in kinds, saved with its secret sealed, its destination guarded, and audited without the secret', async () => {
    const kinds = (await kairos.api('GET', '/api/channel-kinds')).body.kinds
    expect(kinds.find((k: any) => k.kind === 'fax.acme')).toMatchObject({ carries: 'fax', title: 'Acme fax', description: 'Faxes through the Acme HTTP API', secret: ['apiKey'] })
    const refused = await kairos.api('PUT', '/api/channels/fax-main', { kind: 'fax.acme', config: { url: 'http://10.0.0.5/fax', apiKey: 'ak-1' } })
    expect(refused.status).toBe(400)
    expect(refused.body.error.details).toEqual([{ field: 'body.config.url', message: expect.stringContaining('a private network address') }])
    const saved = await kairos.api('PUT', '/api/channels/fax-main', { kind: 'fax.acme', config: { url: `${url}/fax`, apiKey: 'ak-secret-9', archiveUrl: `http://localhost:${new URL(url).port}/archive` } })
    expect(saved.body).toMatchObject({ kind: 'fax.acme', carries: 'fax', secretsSet: ['apiKey'], config: { apiKey: '••••••••' } })
    const trail = (await kairos.api('GET', '/api/audit?target=channel:fax-main')).body.entries
    expect(trail[0].diff).toEqual(expect.arrayContaining([{ path: 'config.apiKey', to: 'changed' }]))
    expect(JSON.stringify(trail)).not.toContain('ak-secret-9')
  })

  it('sends with the opened secret and the idempotency key, and keeps the provider\'s message id', async () => {
    await publishFax('Invoice 42')
    const delivery = await fax('gus', 'Invoice 42')
    expect(delivery).toMatchObject({ channel: 'fax', provider: 'fax-main', status: 'sent', providerResponse: { status: 200, body: { faxId: 'F-77' } } })
    expect(provider.received.at(-1)).toMatchObject({ headers: { 'x-api-key': 'ak-secret-9', 'idempotency-key': delivery.idempotencyKey }, body: { to: '+4930123456', pages: ['Invoice 42'], attempt: 1 } })
    const { rows } = await kairos.core.database.pool.query('select provider_message_id from deliveries where id = $1', [delivery.id])
    expect(rows[0].provider_message_id).toBe('F-77')
  })

  it('refuses a request to an origin the kind did not declare, though the guard would let it through, and does not retry', async () => {
    await publishFax('archive')
    const before = provider.received.length
    const delivery = await fax('hal', 'archive')
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1 })
    expect(delivery.error).toMatch(/^destination refused: localhost:\d+ is not among the destinations this channel's kind declares/)
    expect(provider.received.length).toBe(before)
  })

  it('fails for good a send that answers no outcome, and retries one that throws', async () => {
    await publishFax('nonsense')
    expect(await fax('ida', 'nonsense')).toMatchObject({ status: 'failed', attempts: 1, error: expect.stringContaining('channel kind fax.acme returned no outcome') })
    await publishFax('throw')
    expect(await fax('jan', 'throw')).toMatchObject({ status: 'queued', attempts: 1, error: 'channel kind fax.acme failed: the fax line is busy' })
  })

  it('says a channel\'s kind is not loaded in this process, with the plugin set, wherever the channel is used', async () => {
    // jan's fax is waiting for its next attempt when the channel turns out to be of a kind no package provides.
    await kairos.core.database.pool.query(`update channels set kind = 'fax.gone' where name = 'fax-main'`)
    const why = `channel "fax-main"'s kind fax.gone is not loaded in this process; plugin set ${pluginSetHash(kairos.plugins)}`
    await kairos.advance('1m')
    // Retried, as another worker of a deployment being rolled out may have the kind; failed on the last attempt.
    const deliveryOfJan = async () => (await kairos.api('GET', '/api/deliveries?contact=jan')).body.deliveries[0]
    expect(await deliveryOfJan()).toMatchObject({ status: 'queued', error: why })
    for (let hour = 0; hour < 12 && (await deliveryOfJan()).status === 'queued'; hour++) await kairos.advance('1h')
    expect(await deliveryOfJan()).toMatchObject({ status: 'failed', error: why, attempts: 10 })
    // A step sending through it now fails with the same words, not "does not exist".
    await kairos.api('PUT', '/api/contacts/kim', { attributes: { fax: '+4930123456' } })
    await kairos.api('POST', '/api/events', { contact: 'kim', name: 'fax_due', properties: { text: 'Invoice 42' } })
    await kairos.drain()
    const { runs } = (await kairos.api('GET', '/api/runs?contact=kim')).body
    expect((await kairos.api('GET', `/api/runs/${runs[0].id}`)).body).toMatchObject({ status: 'failed', error: why })
    expect((await kairos.api('GET', '/api/channels/fax-main')).body).toMatchObject({ kind: 'fax.gone', carries: null, status: 'kind-not-loaded', kindNotLoaded: why })
    const receipts = await kairos.app.inject({ method: 'POST', url: '/api/channels/fax-main/receipts', payload: '{}', headers: { 'content-type': 'application/json' } })
    expect([receipts.statusCode, receipts.json().error.message]).toEqual([503, `${why}, so it cannot check receipts`])
  })
})
