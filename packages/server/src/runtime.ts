import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { NodeRegistry } from '@kairos/engine'
import type { Clock } from '@kairos/sdk'
import { buildApp } from './app.ts'
import type { KairosConfig } from './config.ts'
import { createCore, type KairosCore } from './core.ts'
import { connectDb } from './db/connect.ts'
import { startDatabaseWatch, watchReconnectDeadline } from './db/reconnect-deadline.ts'
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded.ts'
import { migrate } from './db/migrate.ts'
import { loadDemoOnce } from './demo/load-demo.ts'
import { startWorker, type KairosWorker } from './execution/worker.ts'
import { loadNodePlugins } from './plugins/loader.ts'
import { ChannelKindRegistry } from './channels/channel-kind-registry.ts'
import { bootstrapAdmin } from './auth/bootstrap-admin.ts'
import { pruneSessions } from './auth/session-pruning.ts'
import { sealStoredSecrets, secretKeyAtStart } from './channels/secrets-at-start.ts'
import { checkConfiguredUrl, OutboundGuard } from './outbound/outbound-guard.ts'
import { startMetricsServer } from './metrics/metrics-server.ts'

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
  /** Called when Postgres stays unreachable, or the worker stopped, past KAIROS_DB_RECONNECT_MS (default: exit the process with code 1). */
  onReconnectGiveUp?: () => void
  /** Adds to the HTTP app before it listens (routes of an embedding application, tests' slow routes). */
  configureApp?: (app: FastifyInstance) => void | Promise<void>
}

/**
 * Starts Kairos as configured: the database (embedded when no DATABASE_URL),
 * migrations, node plugins, the worker, the demo, and the HTTP server.
 */
export async function startKairos(config: KairosConfig, options: StartOptions = {}): Promise<KairosRuntime> {
  if (config.role === 'migrate') throw new Error('KAIROS_ROLE=migrate only migrates: run packages/server/src/cli/migrate.ts')
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
  const channelKinds = new ChannelKindRegistry()
  const plugins = await loadNodePlugins(config.pluginDirs, registry, log, channelKinds)
  const core = createCore({
    database, registry, channelKinds, plugins, clock: options.clock, sms: config.sms, secretKey: await secretKeyAtStart(config, log),
    allowedHosts: config.allowedHosts, nodeRunTimeoutMs: config.nodeRunTimeoutMs, publicUrl: config.publicUrl,
    sessionLifetime: { idleMs: config.access.sessionIdleMs, absoluteMs: config.access.sessionAbsoluteMs },
  })
  await bootstrapAdmin(core, config, log)
  await sealStoredSecrets(core.channels, log)

  const worker = config.role === 'api'
    ? undefined
    : await startWorker({ ...core.execution, pool: database.pool }, config.worker, { log, shutdownTimeoutMs: config.shutdownTimeoutMs })
  const databaseWatch = startDatabaseWatch(database.pool, log)
  const stopDeadline = watchReconnectDeadline(databaseWatch, {
    reconnectMs: config.dbReconnectMs, worker, log, onGiveUp: options.onReconnectGiveUp ?? (() => process.exit(1)),
  })
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
      health: { role: config.role, worker: worker && (() => worker.health()) },
      databaseWatch,
    })
    await options.configureApp?.(app)
    stopPruning = pruneSessions(core.sessions, log)
    await app.listen({ port: config.port, host: config.host })
    url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${(app.server.address() as { port: number }).port}`
  }
  // Without HTTP (KAIROS_ROLE=worker) this is how a process's counters are scraped; any role may have it.
  const metricsServer = config.metrics.port === undefined ? undefined : await startMetricsServer(
    { db: database.db, pool: database.pool, onError: (error) => log.error(`metrics: reading gauges failed: ${(error as Error).message}`) },
    { port: config.metrics.port, host: config.metrics.host },
  )
  if (metricsServer) log.info(`metrics without credentials at ${metricsServer.url} (KAIROS_METRICS_PORT)`)
  return {
    core, app, worker, url, databaseUrl,
    // Graceful: no new connections; in-flight requests, running jobs and the live sockets' close
    // handshakes get KAIROS_SHUTDOWN_TIMEOUT_MS, then whatever is left is cut off (jobs cut off
    // are failed and retried; every transition is atomic, so none is half done).
    async stop() {
      stopDeadline()
      stopPruning?.()
      await metricsServer?.close()
      // A keep-alive connection whose request finishes during the close becomes idle only then:
      // Node closes idle connections once, when the close begins, so keep closing them.
      const idleSweep = setInterval(() => app?.server.closeIdleConnections(), 100)
      const graceful = Promise.all([app?.close(), worker?.stop()])
      let timer: NodeJS.Timeout | undefined
      const timedOut = new Promise<true>((resolve) => (timer = setTimeout(() => resolve(true), config.shutdownTimeoutMs)))
      if (await Promise.race([graceful.then(() => false), timedOut])) {
        log.error(`shutdown: requests or jobs still running after ${config.shutdownTimeoutMs} ms (KAIROS_SHUTDOWN_TIMEOUT_MS); cutting them off`)
        for (const client of app?.websocketServer.clients ?? []) client.terminate()
        app?.server.closeAllConnections()
        await worker?.kill()
        await graceful
      }
      clearTimeout(timer)
      clearInterval(idleSweep)
      await databaseWatch.stop()
      await database.close()
      await embedded?.stop()
    },
  }
}
