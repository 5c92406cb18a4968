import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from '@kairos/server'

/** Kairos running as its own process, as `pnpm start` runs it. */
export interface KairosProcess {
  /** Where it listens, from its `[kairos] ready: <url>` line. */
  url: string
  pid: number
  /** The last 64 KB it printed (stdout and stderr), for error reports. */
  outputTail(): string
  /** Its exit code or signal's name once it exited, else null. */
  exitCode(): number | string | null
  /** SIGTERM, then SIGKILL after 15 s; resolves once it is gone. */
  stop(): Promise<void>
}

const TAIL = 64 * 1024

/**
 * Spawns packages/server/src/main.ts with `node --max-semi-space-size=8`
 * (the `kairos:start` script without building the editor) and `env` over
 * this process's environment, and resolves once it is ready. Its output is
 * read as it comes, because a server that logs every request (the default)
 * would block on a full pipe, but only a tail is kept, so the bench's
 * memory does not grow with the server's log.
 */
export async function spawnKairosProcess(env: Record<string, string>, options: { readyWithinMs?: number } = {}): Promise<KairosProcess> {
  const child = spawn(process.execPath, ['--max-semi-space-size=8', join(REPO_ROOT, 'packages', 'server', 'src', 'main.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let tail = ''
  let ready = false
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')))
  const readyWithinMs = options.readyWithinMs ?? 90_000
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Kairos did not print its URL within ${readyWithinMs} ms:\n${tail}`)), readyWithinMs)
    const onData = (chunk: Buffer) => {
      tail = (tail + chunk).slice(-TAIL)
      if (ready) return
      const match = /\[kairos\] ready: (http:\/\/\S+)/.exec(tail)
      if (match) (ready = true), clearTimeout(timer), resolve(match[1])
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('error', (error) => (clearTimeout(timer), reject(error)))
    void exited.then((code) => (clearTimeout(timer), reject(new Error(`Kairos exited (${code}) before it was ready:\n${tail}`))))
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL')
    await exited
    throw error
  })
  return {
    url,
    pid: child.pid!,
    outputTail: () => tail,
    exitCode: () => child.exitCode ?? child.signalCode ?? null,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    },
  }
}
