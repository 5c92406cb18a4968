// `npm run test:container`: builds the image from this checkout and runs it as a self-hosting team
// would, with podman on this machine (see ../shared/containers.md and README "Docker"):
//
//  1. makes the `node:24-slim` base with ../shared/tools/container-base.sh (reused between runs),
//  2. builds the image (`podman build`, cached layers reused),
//  3. against a fresh database on the machine's Postgres, starts one `api` and two `worker`
//     containers (host network) and checks: /ready and the image's HEALTHCHECK; the editor's built
//     assets at /; uid 1000 in every container; the first administrator from the environment logs
//     in; 500 contacts go through trigger -> wait 20 s -> send.sms while one worker container is
//     killed mid-wait, and every run completes with exactly one delivery; /metrics answers; the
//     `migrate` command exits 0,
//  4. prints the image size and the time taken, removes every container it started and drops its
//     database, also when a check fails.
//
// DATABASE_URL, when set, names the Postgres server to create the test database on; else the
// machine's (postgres://postgres@127.0.0.1:5432), else an embedded one started for the test (the
// containers share the host network, so they reach it on 127.0.0.1 too). KAIROS_CONTAINER_BASE
// overrides the path of container-base.sh.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { startEmbeddedPostgres } from '@kairos/server'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const IMAGE = 'localhost/kairos:container-test'
const CONTACTS = 500
const WAIT = '20s'
const ADMIN = { email: 'admin@container.test', password: 'container test passphrase' }
const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt'

const started = Date.now()
const tag = `kairos-ct-${process.pid}`
const containers: string[] = []

function log(message: string): void {
  console.log(`[container test ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`)
}

function fail(message: string): never {
  throw new Error(message)
}

/** Runs a command to its end; throws with its output when it fails (unless `allowFailure`). */
function run(command: string, args: string[], options: { allowFailure?: boolean; inherit?: boolean } = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', stdio: options.inherit ? 'inherit' : 'pipe', maxBuffer: 64 << 20 })
  if (result.error) fail(`${command} could not run: ${result.error.message}`)
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
  if (result.status !== 0 && !options.allowFailure)
    fail(`\`${command} ${args.join(' ')}\` exited ${result.status}:\n${output.split('\n').slice(-40).join('\n')}`)
  return { status: result.status, stdout: (result.stdout ?? '').trim(), output }
}

/** podman's own noise on machines without systemd (its healthcheck timers), left out of what we show. */
function withoutSystemdNoise(text: string): string {
  return text.split('\n').filter((line) => !line.includes('systemd')).join('\n')
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolvePort(port))
    })
  })
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const value = await probe()
      if (value !== undefined) return value
    } catch (error) {
      last = error
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  fail(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`)
}

/** The Postgres server to create the test database on, and how to stop it when the test started it. */
async function postgresServer(): Promise<{ url: URL; stop?: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: new URL(process.env.DATABASE_URL) }
  const machine = new URL('postgres://postgres@127.0.0.1:5432/postgres')
  const probe = new pg.Client({ connectionString: machine.toString(), connectionTimeoutMillis: 3000 })
  try {
    await probe.connect()
    return { url: machine }
  } catch (error) {
    log(`no Postgres at ${machine.host} (${(error as Error).message}): starting an embedded one`)
  } finally {
    await probe.end().catch(() => {})
  }
  const dir = join(tmpdir(), `kairos-ct-pg-${process.pid}`)
  const embedded = await startEmbeddedPostgres(dir)
  return { url: new URL(embedded.url('postgres')), stop: async () => (await embedded.stop(), await rm(dir, { recursive: true, force: true })) }
}

function baseImage(): void {
  // Beside the checkout (../shared), as on these machines; KAIROS_CONTAINER_BASE when it sits elsewhere.
  const candidates = process.env.KAIROS_CONTAINER_BASE
    ? [resolve(process.env.KAIROS_CONTAINER_BASE)]
    : [resolve(ROOT, '../shared/tools/container-base.sh'), '/work/shared/tools/container-base.sh']
  const script = candidates.find((path) => existsSync(path))
  if (!script)
    fail(`container-base.sh is missing (looked for ${candidates.join(', ')}): it makes the node:24-slim base image on machines without a registry; set KAIROS_CONTAINER_BASE to its path`)
  log(`base image: ${script}`)
  run('bash', [script])
}

function buildImage(): void {
  const ca = existsSync(CA_BUNDLE)
    ? ['-v', '/etc/ssl/certs:/etc/ssl/certs:ro', '--build-arg', `NODE_EXTRA_CA_CERTS=${CA_BUNDLE}`, '--build-arg', `npm_config_cafile=${CA_BUNDLE}`]
    : []
  log(`building ${IMAGE} from ${ROOT}`)
  const built = Date.now()
  run('podman', ['build', '--isolation', 'chroot', '--pull=never', '--format', 'docker', '--layers', ...ca, '-t', IMAGE, '.'])
  log(`built in ${((Date.now() - built) / 1000).toFixed(0)} s`)
}

function startContainer(name: string, role: string, env: Record<string, string>): void {
  const flags = Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`])
  containers.push(name)
  run('podman', ['--runtime', 'runc', 'run', '-d', '--name', name, '--network', 'host', ...flags, IMAGE, role])
}

function containerLogs(name: string): string {
  return withoutSystemdNoise(run('podman', ['logs', name], { allowFailure: true }).output)
}

async function main(): Promise<void> {
  baseImage()
  buildImage()
  const imageSize = Number(run('podman', ['image', 'inspect', '--format', '{{.Size}}', IMAGE]).stdout)
  log(`image size: ${(imageSize / 1e6).toFixed(0)} MB`)

  const server = await postgresServer()
  const serverUrl = server.url
  const dbName = `kairos_container_${process.pid}_${Date.now()}`
  const adminUrl = new URL(serverUrl)
  adminUrl.pathname = '/postgres'
  const databaseUrl = new URL(serverUrl)
  databaseUrl.pathname = `/${dbName}`
  const admin = new pg.Client({ connectionString: adminUrl.toString() })
  await admin.connect()
  await admin.query(`create database ${dbName}`)
  log(`database ${dbName}`)
  const db = new pg.Pool({ connectionString: databaseUrl.toString(), max: 2 })
  // pool.end() resolves before its idle connections have closed; the forced drop below then ends
  // them from the server side, and an 'error' event without a listener would crash the test after
  // every check passed. Errors of idle connections are only logged, before teardown as after.
  db.on('error', (error) => console.error(`test database pool: ${error.message}`))

  try {
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    const env = {
      DATABASE_URL: databaseUrl.toString(),
      KAIROS_ADMIN_EMAIL: ADMIN.email,
      KAIROS_ADMIN_PASSWORD: ADMIN.password,
      KAIROS_SECRET_KEY: 'container-test-secret-key',
      KAIROS_DEMO: 'off',
      KAIROS_LOG_LEVEL: 'warn',
    }
    // All three at once on the empty database: whichever comes first migrates, the others wait on its lock.
    startContainer(`${tag}-api`, 'api', { ...env, PORT: String(port) })
    startContainer(`${tag}-worker-1`, 'worker', env)
    startContainer(`${tag}-worker-2`, 'worker', env)

    await until('/ready', 90_000, async () => ((await fetch(`${base}/ready`)).ok ? true : undefined))
    log(`api ready on ${base}`)
    for (const name of containers.slice(1))
      await until(`${name} to start its worker`, 60_000, async () => (containerLogs(name).includes('worker ready') ? true : undefined))
    log('both workers ready')

    const health = run('podman', ['healthcheck', 'run', `${tag}-api`], { allowFailure: true })
    if (health.status !== 0) fail(`the image's HEALTHCHECK failed in the api container: ${withoutSystemdNoise(health.output)}`)
    log('HEALTHCHECK passes (GET /ready)')

    // The editor, as built into web/dist by the image: index.html and the script it loads.
    const index = await fetch(`${base}/`)
    const html = await index.text()
    const script = /<script[^>]*\bsrc="([^"]*assets\/[^"]+\.js)"/.exec(html)?.[1]
    if (index.status !== 200 || !script) fail(`GET / is not the built editor (status ${index.status}):\n${html.slice(0, 400)}`)
    const asset = await fetch(new URL(script, `${base}/`))
    const type = asset.headers.get('content-type') ?? ''
    if (asset.status !== 200 || !type.includes('javascript')) fail(`${script} answered ${asset.status} (${type})`)
    log(`editor served: ${script} (${(await asset.arrayBuffer()).byteLength} bytes of ${type})`)

    for (const name of containers) {
      const uid = run('podman', ['exec', name, 'id', '-u']).stdout
      if (uid !== '1000') fail(`${name} runs as uid ${uid}, not 1000`)
    }
    log('every container runs as uid 1000')

    // The first administrator from KAIROS_ADMIN_EMAIL / _PASSWORD logs in, then makes an admin key.
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })
    if (login.status !== 200) fail(`login as ${ADMIN.email} answered ${login.status}: ${await login.text()}`)
    const { csrfToken } = (await login.json()) as { csrfToken: string }
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]
    const keyReply = await fetch(`${base}/api/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ name: 'container test', scopes: ['admin'] }),
    })
    if (keyReply.status !== 201) fail(`POST /api/api-keys answered ${keyReply.status}: ${await keyReply.text()}`)
    const key = ((await keyReply.json()) as { secret: string }).secret
    log(`logged in as ${ADMIN.email}; admin API key created`)

    const api = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await response.text()
      return { status: response.status, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text }
    }
    const expectStatus = (reply: { status: number; body: unknown }, status: number, what: string) => {
      if (reply.status !== status) fail(`${what} answered ${reply.status}: ${JSON.stringify(reply.body)}`)
      return reply.body
    }

    // 500 contacts with a phone, one journey: event -> wait 20 s -> SMS (outbox channel).
    const ids = Array.from({ length: CONTACTS }, (_, i) => `ct-${String(i).padStart(4, '0')}`)
    const contacts = ids.map((externalId, i) => ({ externalId, attributes: { phone: `+1555${String(i).padStart(7, '0')}` } }))
    expectStatus(await api('POST', '/api/contacts/batch', { contacts }), 200, 'POST /api/contacts/batch')
    const graph = {
      nodes: [
        { id: 'entry', type: 'trigger.event', config: { event: 'container_test' } },
        { id: 'pause', type: 'wait', config: { for: WAIT } },
        { id: 'sms', type: 'send.sms', config: { text: 'Hello from the container test', category: 'transactional' } },
      ],
      edges: [
        { source: 'entry', sourcePort: 'next', target: 'pause' },
        { source: 'pause', sourcePort: 'next', target: 'sms' },
      ],
      settings: { reentry: 'once', exitOn: [], timezone: 'UTC' },
    }
    const flow = expectStatus(await api('POST', '/api/flows', { name: 'Container test', graph }), 201, 'POST /api/flows') as { id: string }
    expectStatus(await api('POST', `/api/flows/${flow.id}/publish`), 200, 'publishing the flow')
    const events = ids.map((contact) => ({ contact, name: 'container_test' }))
    expectStatus(await api('POST', '/api/events', { events }), 202, 'POST /api/events')
    const posted = Date.now()
    log(`${CONTACTS} events accepted; journeys wait ${WAIT}`)

    const count = async (text: string): Promise<number> => Number((await db.query(text, [flow.id])).rows[0].n)
    await until(`${CONTACTS} runs waiting`, 30_000, async () =>
      (await count(`select count(*) as n from runs where flow_id = $1 and status = 'waiting'`)) === CONTACTS ? true : undefined,
    )
    // Mid-wait: about 8 s into the 20 s wait, with every run still waiting.
    await new Promise((r) => setTimeout(r, Math.max(0, posted + 8_000 - Date.now())))
    const stillWaiting = await count(`select count(*) as n from runs where flow_id = $1 and status = 'waiting'`)
    if (stillWaiting !== CONTACTS) fail(`only ${stillWaiting} of ${CONTACTS} runs still wait 8 s into a ${WAIT} wait`)
    const killed = `${tag}-worker-1`
    run('podman', ['kill', killed])
    log(`${CONTACTS} runs waiting; killed ${killed} ${((Date.now() - posted) / 1000).toFixed(1)} s into the wait`)

    await until(`${CONTACTS} runs completed and their SMS sent`, 180_000, async () => {
      const completed = await count(`select count(*) as n from runs where flow_id = $1 and status = 'completed'`)
      const settled = await count(`select count(*) as n from deliveries where flow_id = $1 and status <> 'queued'`)
      return completed === CONTACTS && settled >= CONTACTS ? true : undefined
    })
    const { rows } = await db.query<{ deliveries: string; contacts: string; most: string; sent: string; others: string }>(
      `select count(*) as deliveries, count(distinct contact_id) as contacts,
              coalesce(max(per), 0) as most, count(*) filter (where status = 'sent') as sent,
              coalesce(string_agg(distinct run_status, ','), '') as others
         from (select d.contact_id, d.status, count(*) over (partition by d.contact_id) as per, r.status as run_status
                 from deliveries d join runs r on r.id = d.run_id where d.flow_id = $1) per_contact`,
      [flow.id],
    )
    const figures = rows[0]
    if (Number(figures.deliveries) !== CONTACTS || Number(figures.contacts) !== CONTACTS || Number(figures.most) !== 1 || Number(figures.sent) !== CONTACTS)
      fail(`expected exactly one sent SMS per contact for ${CONTACTS} contacts, got ${JSON.stringify(figures)}`)
    const fromApi = expectStatus(await api('GET', `/api/deliveries?flow=${flow.id}&limit=1000`), 200, 'GET /api/deliveries') as { deliveries: unknown[] }
    if (fromApi.deliveries.length !== CONTACTS) fail(`GET /api/deliveries lists ${fromApi.deliveries.length} deliveries, not ${CONTACTS}`)
    log(`${CONTACTS} runs completed, exactly one SMS each, ${((Date.now() - posted) / 1000).toFixed(1)} s after the events (one worker killed)`)

    const metrics = await api('GET', '/metrics')
    if (metrics.status !== 200 || !String(metrics.body).includes('# TYPE')) fail(`/metrics answered ${metrics.status}: ${String(metrics.body).slice(0, 300)}`)
    log(`/metrics answers 200 (${String(metrics.body).split('\n').filter((l) => l.startsWith('# TYPE')).length} metrics)`)

    const migrate = run('podman', ['--runtime', 'runc', 'run', '--rm', '--network', 'host', '-e', `DATABASE_URL=${databaseUrl}`, IMAGE, 'migrate'], { allowFailure: true })
    if (migrate.status !== 0 || !migrate.output.includes('schema is up to date')) fail(`\`migrate\` exited ${migrate.status}: ${withoutSystemdNoise(migrate.output)}`)
    log('`migrate` exits 0: schema is up to date')

    log(`passed: image ${(imageSize / 1e6).toFixed(0)} MB, ${((Date.now() - started) / 1000).toFixed(0)} s in all`)
  } catch (error) {
    for (const name of containers) console.error(`--- ${name} (last lines) ---\n${containerLogs(name).split('\n').slice(-25).join('\n')}`)
    throw error
  } finally {
    for (const name of containers) run('podman', ['rm', '-f', '-t', '5', name], { allowFailure: true })
    await db.end().catch(() => {})
    await admin.query(`drop database if exists ${dbName} with (force)`).catch((error: Error) => console.error(`dropping ${dbName}: ${error.message}`))
    await admin.end().catch(() => {})
    await server.stop?.().catch((error: Error) => console.error(`stopping the embedded Postgres: ${error.message}`))
    log(`removed ${containers.length} containers and database ${dbName}`)
  }
}

main().catch((error: unknown) => {
  console.error(`[container test] FAILED after ${((Date.now() - started) / 1000).toFixed(0)} s: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
