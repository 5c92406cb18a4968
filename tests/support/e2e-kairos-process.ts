import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from '@kairos/server'
import { createTestDatabase } from './database.ts'

export interface KairosProcess {
  /** Where it listens, e.g. http://127.0.0.1:41234 */
  url: string
  /** Its database, for a test that must reach under the API (make a queued job due now). */
  databaseUrl: string
  /** Everything it printed, for failure messages. */
  output(): string
  /** JSON API call with the real clock (no fakes in browser tests). */
  api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>
  stop(): Promise<void>
}

/**
 * Kairos started the way `pnpm start` starts it — the editor built by scripts/build-web.mjs,
 * then packages/server/src/main.ts in its own process — against a fresh test database,
 * on a free port, without the demo workspace.
 */
export async function startKairosProcess(): Promise<KairosProcess> {
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-web.mjs'), '--strict'], { cwd: REPO_ROOT, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`the editor did not build:\n${build.stderr}${build.stdout}`)
  const database = await createTestDatabase()
  const child: ChildProcess = spawn(process.execPath, ['--max-semi-space-size=8', join(REPO_ROOT, 'packages', 'server', 'src', 'main.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', KAIROS_DEMO: 'off' },
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
    databaseUrl: database.url,
    output: () => output,
    async api(method, path, body) {
      const response = await fetch(url + path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await response.text()
      return { status: response.status, body: text ? JSON.parse(text) : undefined }
    },
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
