import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { NodeRegistry } from '@kairos/engine'
import type { Clock } from '@kairos/sdk'
import { buildApp } from './app.ts'
import type { KairosConfig } from './config.ts'
import { createCore, type KairosCore } from './core.ts'
import { connectDb } from './db/connect.ts'
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded.ts'
import { migrate } from './db/migrate.ts'
import { loadDemoOnce } from './demo/load-demo.ts'
import { startWorker, type KairosWorker } from './execution/worker.ts'
import { loadNodePlugins } from './plugins/loader.ts'
import { bootstrapAdmin } from './auth/bootstrap-admin.ts'
import { pruneSessions } from './auth/session-pruning.ts'
import { sealStoredSecrets, secretKeyAtStart } from './channels/secrets-at-start.ts'
import { checkConfiguredUrl, OutboundGuard } from './outbound/outbound-guard.ts'

/** A started Kairos process: API and/or worker over one database. */
export interface KairosRuntime {
  core: KairosCore
  app?: FastifyInstance
  worker?: KairosWorker
  url?: string
  databaseUrl: string
  stop(): Promise<void>
}

export interface StartOptions {
  clock?: Clock
  log?: { info(message: string): void; error(message: string): void }
  /** Called when the embedded Postgres exits without being stopped (default: exit the process with code 1). */
  onDatabaseExit?: () => void
}

/**
 * Starts Kairos as configured: the database (embedded when no DATABASE_URL),
 * migrations, node plugins, the worker, the demo, and the HTTP server.
 */
export async function startKairos(config: KairosConfig, options: StartOptions = {}): Promise<KairosRuntime> {
  const log = options.log ?? { info: (m) => console.log(`[kairos] ${m}`), error: (m) => console.error(`[kairos] ${m}`) }
  // Before anything starts: a provider URL the guard refuses is a configuration error.
  if (config.sms.kind === 'http') await checkConfiguredUrl(new OutboundGuard(config.allowedHosts), 'KAIROS_SMS_HTTP_URL', config.sms.url)
  let embedded: EmbeddedDatabase | undefined
  let databaseUrl = config.databaseUrl
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(join(config.dataDir, 'postgres'))
    await ensureDatabase(embedded.url('postgres'), 'kairos')
    databaseUrl = embedded.url('kairos')
    log.info(`embedded Postgres on port ${embedded.port}, data in ${join(config.dataDir, 'postgres')}`)
    // Nothing works without it and nothing here restarts it: exit non-zero so a supervisor restarts Kairos.
    const pid = embedded.pid
    const onDatabaseExit = options.onDatabaseExit ?? (() => process.exit(1))
    embedded.onUnexpectedExit(() => {
      log.error(`embedded Postgres (pid ${pid}) exited unexpectedly; Kairos exits so that it is restarted`)
      onDatabaseExit()
    })
  }
  const database = connectDb(databaseUrl, { max: config.worker.concurrency + 6 })
  await migrate(database.db, databaseUrl)
  const registry = new NodeRegistry()
  const plugins = await loadNodePlugins(config.pluginDirs, registry, log)
  const core = createCore({
    database, registry, plugins, clock: options.clock, sms: config.sms, secretKey: await secretKeyAtStart(config, log),
    allowedHosts: config.allowedHosts,
    sessionLifetime: { idleMs: config.access.sessionIdleMs, absoluteMs: config.access.sessionAbsoluteMs },
  })
  await bootstrapAdmin(core, config, log)
  await sealStoredSecrets(core.channels, log)

  const worker = config.role === 'api' ? undefined : await startWorker({ ...core.execution, pool: database.pool }, config.worker)
  if (config.loadDemo && (await loadDemoOnce(core))) log.info('demo workspace loaded: flows "Cart abandonment (demo)" and "Birthday coupon (demo)", a segment and 3 contacts')

  let app: FastifyInstance | undefined
  let stopPruning: (() => void) | undefined
  let url: string | undefined
  if (config.role !== 'worker') {
    app = await buildApp(core, {
      logger: { level: config.logLevel },
      corsOrigins: config.corsOrigins,
      // A site trusted to call the API with credentials (CORS) may follow it live too.
      access: { cookieSecure: config.access.cookieSecure, allowedOrigins: [...config.access.allowedOrigins, ...config.corsOrigins] },
      trustProxy: config.access.trustProxy,
    })
    stopPruning = pruneSessions(core.sessions, log)
    await app.listen({ port: config.port, host: config.host })
    url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${(app.server.address() as { port: number }).port}`
  }
  return {
    core, app, worker, url, databaseUrl,
    async stop() {
      stopPruning?.()
      await app?.close()
      await worker?.stop()
      await database.close()
      await embedded?.stop()
    },
  }
}
