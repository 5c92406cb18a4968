import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from '@kairos/server'

export interface KairosChild {
  /** Where it listens. */
  url: string
  /** Everything it printed so far (stdout and stderr). */
  output(): string
  /** Resolves with its exit code (or the signal's name) when it exits. */
  exited: Promise<number | string>
  /** Its exit code or signal's name, or null while it runs. */
  exitCode(): number | string | null
  /** SIGTERM, then SIGKILL after 10 s; resolves once it is gone. */
  stop(): Promise<void>
}

/**
 * packages/server/src/main.ts in a child process, as `pnpm start` runs it (without building the
 * editor), with `env` over this process's environment; a key set to undefined is removed (e.g.
 * DATABASE_URL, for the embedded Postgres). Resolves once it prints its URL.
 */
export async function spawnKairos(env: Record<string, string | undefined>, options: { readyWithinMs?: number } = {}): Promise<KairosChild> {
  const merged: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', KAIROS_DEMO: 'off' }
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete merged[key]
  else merged[key] = value
  const child = spawn(process.execPath, ['--max-semi-space-size=8', join(REPO_ROOT, 'packages', 'server', 'src', 'main.ts')], {
    cwd: REPO_ROOT,
    env: merged,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')))
  const readyWithinMs = options.readyWithinMs ?? 90_000
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Kairos did not print its URL within ${readyWithinMs} ms:\n${output}`)), readyWithinMs)
    const onData = (chunk: Buffer) => {
      output += chunk
      const match = /\[kairos\] ready: (http:\/\/\S+)/.exec(output)
      if (match) clearTimeout(timer), resolve(match[1])
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    void exited.then((code) => (clearTimeout(timer), reject(new Error(`Kairos exited (${code}) before it was ready:\n${output}`))))
  })
  return {
    url,
    output: () => output,
    exited,
    exitCode: () => child.exitCode ?? child.signalCode ?? null,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
  }
}
