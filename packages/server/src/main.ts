// Entry point of `pnpm start`: reads the environment and runs Kairos until a signal.
import { readConfig } from './config.ts'
import { startKairos } from './runtime.ts'

const config = readConfig()
const runtime = await startKairos(config)
if (runtime.url) console.log(`[kairos] ready: ${runtime.url}  (API docs: ${runtime.url}/docs)`)
else console.log('[kairos] worker ready')

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // Kairos stops everything itself, in order: HTTP, worker, pool, then Postgres (the embedded
  // one's own signal hooks are removed when it is loaded, see db/embedded.ts).
  process.on(signal, () => {
    if (stopping) process.exit(1)
    stopping = true
    console.log(`[kairos] ${signal}: stopping`)
    runtime.stop().then(() => process.exit(0), (error) => (console.error(error), process.exit(1)))
  })
}
