import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from '@kairos/server'
import { TEST_SECRET_KEY } from './test-kairos.ts'

/** A Kairos worker in its own process (main.ts, KAIROS_ROLE=worker) on a test database, as production scales out. */
export function startWorkerProcess(databaseUrl: string, env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'packages/server/src/main.ts')], {
    env: {
      ...process.env, DATABASE_URL: databaseUrl, KAIROS_ROLE: 'worker', KAIROS_DEMO: 'off', KAIROS_WORKER_POLL_MS: '100',
      // Like the in-process test servers: fake providers on loopback, secrets sealed with the test key.
      KAIROS_ALLOWED_HOSTS: '127.0.0.1,localhost', KAIROS_SECRET_KEY: TEST_SECRET_KEY,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  // Keep its output flowing even when no one listens, so a full pipe never stalls the child.
  child.stdout!.resume()
  return child
}

/** Resolves once the process prints "worker ready"; rejects with its output if it exits first. */
export function workerReady(worker: ChildProcess): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let output = ''
    worker.stdout!.on('data', (chunk) => {
      output += chunk
      if (output.includes('worker ready')) resolve()
    })
    worker.once('exit', (code) => reject(new Error(`worker process exited with ${code} before it was ready:\n${output}`)))
  })
}

/** Polls `probe` every 50 ms until it returns true; fails after `seconds`, naming what it waited for. */
export async function until(probe: () => Promise<boolean>, seconds: number, what: string): Promise<void> {
  const deadline = Date.now() + seconds * 1000
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
