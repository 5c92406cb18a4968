// Entry point of `pnpm start`: reads the environment and runs Kairos until a signal.
import { readConfig } from './config.ts'
import { startKairos } from './runtime.ts'
import { releaseStartupGarbage } from './release-startup-garbage.ts'

// graphile-worker can leave a rejection nobody awaits when Postgres goes away while its pool shuts
// down (returning locally queued jobs fails). Everything Kairos keeps is in Postgres, and the worker
// starts a new pool by itself, so such a stray is logged rather than allowed to kill the process.
process.on('unhandledRejection', (reason) => {
  console.error(`[kairos] unhandled rejection (the process keeps running): ${reason instanceof Error ? reason.stack : String(reason)}`)
})

// The role may also come as the command (`docker run kairos migrate`); it wins over KAIROS_ROLE.
const roleArgument = process.argv[2]
const config = readConfig(roleArgument ? { ...process.env, KAIROS_ROLE: roleArgument } : process.env)
if (config.role === 'migrate') {
  // Brings DATABASE_URL's schema up to date (under the migration lock) and exits 0; exits non-zero on failure.
  await import('./cli/migrate.ts')
  process.exit(0)
}
const runtime = await startKairos(config)
releaseStartupGarbage()
if (runtime.url) console.log(`[kairos] ready: ${runtime.url}  (API docs: ${runtime.url}/docs)`)
else console.log('[kairos] worker ready')

// A second signal exits at once, but not one within REPEAT_MS of the first: Ctrl-C signals the
// terminal's whole foreground group and `npm start` (whose child this process is, see
// scripts/toolchain.mjs) forwards the same signal again, so one Ctrl-C arrives twice.
const REPEAT_MS = 1000
let stoppingSince: number | undefined
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // Kairos stops everything itself, in order: HTTP and worker (each finishing what is in flight,
  // within KAIROS_SHUTDOWN_TIMEOUT_MS), pool, then Postgres (the embedded one's own signal hooks
  // are removed when it is loaded, see db/embedded.ts).
  process.on(signal, () => {
    if (stoppingSince !== undefined) {
      if (Date.now() - stoppingSince < REPEAT_MS) return
      process.exit(1)
    }
    stoppingSince = Date.now()
    console.log(`[kairos] ${signal}: stopping (in-flight requests and jobs get ${config.shutdownTimeoutMs} ms)`)
    // Past the deadline plus time to cut off what was left, exit anyway.
    setTimeout(() => (console.error('[kairos] shutdown did not complete; exiting'), process.exit(1)), config.shutdownTimeoutMs + 5000).unref()
    runtime.stop().then(() => (console.log('[kairos] stopped'), process.exit(0)), (error) => (console.error(error), process.exit(1)))
  })
}
