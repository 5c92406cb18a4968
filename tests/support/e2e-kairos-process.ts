import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from '@kairos/server'
import { createTestDatabase } from './database.ts'
import { OpenApiContract, type OpenApiDocument } from './openapi-contract.ts'

/** The administrator a started Kairos creates at start (KAIROS_ADMIN_EMAIL / KAIROS_ADMIN_PASSWORD). */
export const E2E_ADMIN = { email: 'admin@kairos.e2e', password: 'e2e-admin-password', name: 'E2E Admin' } as const

export interface StartKairosOptions {
  /** Create E2E_ADMIN at start (default true); false starts with no user, at the first-run page. */
  bootstrapAdmin?: boolean
}

/** A JSON call to Kairos: the status and the parsed body. */
export type ApiCall = <T = any>(method: string, path: string, body?: unknown) => Promise<{ status: number; body: T }>

export interface KairosProcess {
  /** Where it listens, e.g. http://127.0.0.1:41234 */
  url: string
  /** The administrator created at start, whom `api` signs in as (null with `bootstrapAdmin: false`: `api` then signs in as E2E_ADMIN once a test has created that account). */
  admin: typeof E2E_ADMIN | null
  /** Its database, for a test that must reach under the API (make a queued job due now). */
  databaseUrl: string
  /** Everything it printed, for failure messages. */
  output(): string
  /** JSON API call as the administrator (signed in on first use), with the real clock (no fakes in browser tests). */
  api: ApiCall
  stop(): Promise<void>
}

/**
 * Calls Kairos as a person signed in by email and password, the way the editor does: the
 * session cookie on every request, the CSRF token on writes. Signs in on the first call and
 * again when the session has ended. A Kairos without accounts (no /api/auth) is called as is.
 * Every answer is held to the process's own OpenAPI document (`/docs/json`, read once signed
 * in): one that breaks it throws, naming route, status and schema error.
 */
export function signedInApi(url: string, credentials: { email: string; password: string }): ApiCall {
  let session: { cookie: string; csrfToken: string } | null | undefined
  let contract: OpenApiContract | undefined
  async function signIn(): Promise<void> {
    const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: credentials.email, password: credentials.password }) })
    if (response.status === 404) return void (session = null)
    const body = (await response.json()) as { csrfToken?: string; error?: { message?: string } }
    if (!response.ok) throw new Error(`signing in as ${credentials.email} answered ${response.status}: ${body.error?.message}`)
    const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
    session = { cookie, csrfToken: body.csrfToken! }
  }
  async function call(method: string, path: string, body: unknown, again: boolean): Promise<{ status: number; body: any }> {
    if (session === undefined) await signIn()
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' }
    if (session) {
      headers.cookie = session.cookie
      if (method !== 'GET') headers['x-csrf-token'] = session.csrfToken
    }
    const response = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    if (response.status === 401 && session && !again) {
      session = undefined
      return call(method, path, body, true)
    }
    const text = await response.text()
    await checkContract(method, path, response, text)
    return { status: response.status, body: text ? JSON.parse(text) : undefined }
  }
  async function checkContract(method: string, path: string, response: Response, text: string): Promise<void> {
    if (!contract) {
      const docs = await fetch(`${url}/docs/json`, { headers: session ? { cookie: session.cookie } : {} })
      if (!docs.ok) throw new Error(`reading the OpenAPI document for the contract check answered ${docs.status}`)
      contract = new OpenApiContract((await docs.json()) as OpenApiDocument)
    }
    // A path no route has is the not-found handler's: nothing documents it.
    const route = contract.routeOf(method, path)
    const problem = route && contract.check({ method, path: route, status: response.status, contentType: response.headers.get('content-type') ?? undefined, body: text })
    if (problem) throw new Error(`API contract broken: ${problem}`)
  }
  return (method, path, body) => call(method, path, body, false)
}

/**
 * Kairos started the way `pnpm start` starts it — the editor built by scripts/build-web.mjs,
 * then packages/server/src/main.ts in its own process — against a fresh test database,
 * on a free port, without the demo workspace.
 */
export async function startKairosProcess(options: StartKairosOptions = {}): Promise<KairosProcess> {
  const admin = options.bootstrapAdmin === false ? null : E2E_ADMIN
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-web.mjs'), '--strict'], { cwd: REPO_ROOT, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`the editor did not build:\n${build.stderr}${build.stdout}`)
  const database = await createTestDatabase()
  const child: ChildProcess = spawn(process.execPath, ['--max-semi-space-size=8', join(REPO_ROOT, 'packages', 'server', 'src', 'main.ts')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env, DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', KAIROS_DEMO: 'off',
      // Fake providers listen on loopback; channels with secrets need a key to be saved.
      KAIROS_ALLOWED_HOSTS: '127.0.0.1', KAIROS_SECRET_KEY: 'kairos-e2e-secret-key',
      ...(admin
        ? { KAIROS_ADMIN_EMAIL: admin.email, KAIROS_ADMIN_PASSWORD: admin.password, KAIROS_ADMIN_NAME: admin.name }
        : { KAIROS_ADMIN_EMAIL: '', KAIROS_ADMIN_PASSWORD: '' }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Kairos did not print its URL within 60 s:\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk
      const match = /\[kairos\] ready: (http:\/\/\S+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`Kairos exited with ${code} before it was ready:\n${output}`))
    })
  })
  return {
    url,
    admin,
    databaseUrl: database.url,
    output: () => output,
    api: signedInApi(url, admin ?? E2E_ADMIN),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))])
        if (child.exitCode === null) child.kill('SIGKILL')
      }
      await database.drop()
    },
  }
}
