import type { ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NodeRegistry } from '@kairos/engine'
import { connectDb, createCore, loadNodePlugins, REPO_ROOT, type DbHandle, type KairosCore } from '@kairos/server'
import { createTestDatabase } from '../support/database.ts'
import { loadFlowFixture } from '../support/test-kairos.ts'
import { startWorkerProcess, until } from '../support/worker-process.ts'

const CONTACTS = 300

/**
 * A node that takes 20 ms per run, so a batch of 100 runs holds its
 * transaction (and its job lock) for about two seconds: long enough that the
 * kill below lands while jobs are locked by the dying process.
 */
const slowNode = `export default {
  type: 'test.slow', version: 1, title: 'Slow step', category: 'action',
  config: { type: 'object', properties: {} }, ports: ['next'],
  async run() { await new Promise((r) => setTimeout(r, 20)); return { kind: 'port', port: 'next' } },
}`

// A worker process is killed with SIGKILL mid-journey (no graceful shutdown:
// its jobs stay locked). Another process takes over the dead pool's jobs, and
// every journey completes with exactly one delivery per SMS step.
describe('crash recovery', () => {
  let database: { url: string; drop(): Promise<void> }
  let handle: DbHandle
  let core: KairosCore
  let pluginsDir: string
  const children: ChildProcess[] = []

  beforeAll(async () => {
    pluginsDir = await mkdtemp(join(tmpdir(), 'kairos-crash-'))
    await mkdir(join(pluginsDir, 'slow'))
    await writeFile(join(pluginsDir, 'slow', 'package.json'), JSON.stringify({ name: 'slow', type: 'module', kairos: { nodes: ['./index.js'] } }))
    await writeFile(join(pluginsDir, 'slow', 'index.js'), slowNode)
    database = await createTestDatabase()
    handle = connectDb(database.url, { max: 4 })
    const registry = new NodeRegistry()
    await loadNodePlugins([join(REPO_ROOT, 'nodes'), pluginsDir], registry, { info() {}, error() {} })
    core = createCore({ database: handle, registry })
  })
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL')
    await handle?.close()
    await database?.drop()
    await rm(pluginsDir, { recursive: true, force: true })
  })

  const count = async (query: string) => (await handle.pool.query(query)).rows[0].n as number

  it('loses no run and repeats no delivery when a worker is killed mid-journey', async () => {
    const graph = (await loadFlowFixture('two-sms')) as { nodes: object[]; edges: Array<{ source: string; target: string }> }
    graph.nodes.push({ id: 'slow', type: 'test.slow', config: {} })
    graph.edges[1] = { source: 'hello', target: 'slow' }
    graph.edges.push({ source: 'slow', target: 'pause' })
    const flow = await core.flows.create({ name: 'Two messages', graph })
    await core.flows.publish(flow.id)
    for (let i = 0; i < CONTACTS; i++) await core.contacts.upsert(`c${i}`, { attributes: { phone: `+86139${String(i).padStart(8, '0')}` } })

    const first = startWorkerProcess(database.url, { KAIROS_WORKER_STALE_MS: '1500', KAIROS_PLUGINS_DIR: pluginsDir })
    children.push(first)
    for (let i = 0; i < CONTACTS; i += 100)
      await core.ingest(Array.from({ length: 100 }, (_, j) => ({ contact: `c${i + j}`, name: 'signed_up' })))

    // Kill it once it has sent some, but not all, of the messages.
    await until(async () => (await count(`select count(*)::int as n from deliveries`)) >= 100, 60, 'first deliveries')
    first.kill('SIGKILL')
    await new Promise((resolve) => first.once('exit', resolve))
    expect(await count(`select count(*)::int as n from runs where status <> 'completed'`)).toBeGreaterThan(0)
    // The dead process still holds job locks: only the survivor's recovery can release them.
    expect(await count(`select count(*)::int as n from graphile_worker._private_jobs where locked_by is not null`)).toBeGreaterThan(0)

    children.push(startWorkerProcess(database.url, { KAIROS_WORKER_STALE_MS: '1500', KAIROS_PLUGINS_DIR: pluginsDir }))
    await until(async () => (await count(`select count(*)::int as n from runs where status = 'completed'`)) === CONTACTS, 90, 'all runs completed')

    expect(await count(`select count(*)::int as n from runs`)).toBe(CONTACTS)
    expect(await count(`select count(*)::int as n from deliveries`)).toBe(CONTACTS * 2)
    expect(await count(`select count(*)::int as n from (select 1 from deliveries group by run_id, node_id having count(*) > 1) d`)).toBe(0)
    expect(await count(`select count(*)::int as n from steps`)).toBe(CONTACTS * 6)
    expect(await count(`select count(*)::int as n from contacts where 'onboarded' = any(tags)`)).toBe(CONTACTS)
  })
})
