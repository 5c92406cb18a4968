import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { spawnKairos, type KairosChild } from '../support/kairos-child.ts'

// `pnpm start` with no DATABASE_URL runs its own Postgres. If that Postgres dies, nothing in
// Kairos brings it back: Kairos must exit non-zero, saying why, so a supervisor restarts both.
describe('the embedded Postgres dying', () => {
  let kairos: KairosChild | undefined
  let dataDir: string | undefined

  afterAll(async () => {
    await kairos?.stop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('makes Kairos log it and exit non-zero within seconds', { timeout: 180_000 }, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kairos-embedded-exit-'))
    // As root, Postgres runs as the postgres user, who must be able to enter the folder (mkdtemp makes it 0700).
    await chmod(dataDir, 0o755)
    kairos = await spawnKairos({ DATABASE_URL: undefined, KAIROS_DATA_DIR: dataDir })
    const health = await fetch(`${kairos.url}/health`)
    expect(health.status).toBe(200)
    // The logger is on by default: that request is a JSON line (at debug for a probe, so ask for something else).
    await fetch(`${kairos.url}/api/nowhere`)
    await expect.poll(() => kairos!.output(), { timeout: 5000 }).toMatch(/^\{.*"reqId":.*"url":"\/api\/nowhere".*"msg":"request completed"\}$/m)

    const pid = Number((await readFile(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0])
    process.kill(pid, 'SIGKILL')
    const killed = performance.now()
    const code = await Promise.race([kairos.exited, new Promise((resolve) => setTimeout(() => resolve('still running after 15 s'), 15_000))])
    expect(code, kairos.output()).toBe(1)
    expect(performance.now() - killed).toBeLessThan(15_000)
    expect(kairos.output()).toContain(`embedded Postgres (pid ${pid}) exited unexpectedly; Kairos exits so that it is restarted`)
  })
})
