import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import pg from 'pg'

declare module 'fastify' {
  interface FastifyInstance {
    /** Whether Postgres answers, for `/health`; absent when the watch is off. */
    databaseWatch?: DatabaseWatch
  }
}

export interface DatabaseWatchOptions {
  /** How often `select 1` is sent (default 1000 ms; 0 turns the watch off). */
  probeMs?: number
  /** How long Postgres may stay unreachable before `/health` answers 503 (default 5000 ms). */
  graceMs?: number
}

/**
 * Probes Postgres with `select 1` on a connection of its own, outside the pool, so a pool busy
 * with jobs never reads as a dead database. Time is measured with `performance.now()`: tests fake
 * `Date`, and a wall clock that jumps must not either.
 */
export class DatabaseWatch {
  private client: pg.Client | undefined
  private lastOk = performance.now()
  private failingReason: string | undefined
  /** The last failure was a timeout (slow, maybe only busy) rather than a refusal (certainly down). */
  private timedOut = false
  private reported = false
  private timer: NodeJS.Timeout | undefined
  private readonly graceMs: number
  private readonly config: pg.ClientConfig
  private readonly log: FastifyBaseLogger

  constructor(config: pg.ClientConfig, log: FastifyBaseLogger, options: Required<DatabaseWatchOptions>) {
    this.graceMs = options.graceMs
    this.log = log
    // A probe that hangs (a host gone silent) fails after this long instead of never answering.
    // Generous: on a busy machine a connection can take over a second, and that is not an outage.
    const timeout = Math.max(options.probeMs * 3, 3000)
    this.config = { ...config, connectionTimeoutMillis: timeout, query_timeout: timeout }
    let busy = false
    const tick = () => {
      if (busy) return
      busy = true
      void this.probe().finally(() => (busy = false))
    }
    tick()
    this.timer = setInterval(tick, options.probeMs).unref()
  }

  /**
   * Undefined while Postgres answered within `graceMs` (default: the watch's own, /health's);
   * else for how long, and why not. One watch serves every question a process asks of it.
   */
  unreachable(graceMs = this.graceMs): { forMs: number; reason: string } | undefined {
    const forMs = performance.now() - this.lastOk
    if (this.failingReason === undefined || forMs <= graceMs) return undefined
    return { forMs, reason: this.failingReason }
  }

  /**
   * Why API requests should fail fast, or undefined: at once while Postgres refuses or drops
   * connections (a restart), but for a probe that only timed out, not before the grace is over,
   * since a loaded machine answers slowly without being down.
   */
  failing(): string | undefined {
    if (this.failingReason === undefined) return undefined
    if (this.timedOut && this.unreachable() === undefined) return undefined
    return this.failingReason
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    this.timer = undefined
    await this.disconnect()
  }

  private async probe(): Promise<void> {
    try {
      if (!this.client) {
        const client = new pg.Client(this.config)
        // A connection lost between probes reports here; the next probe finds out and reconnects.
        client.on('error', (error) => (this.failingReason = error.message))
        this.client = client
        await client.connect()
      }
      await this.client.query('select 1')
      if (this.reported) this.log.info({ downForMs: Math.round(performance.now() - this.lastOk) }, 'database reachable again')
      this.lastOk = performance.now()
      this.failingReason = undefined
      this.timedOut = false
      this.reported = false
    } catch (error) {
      this.failingReason = (error as Error).message
      this.timedOut = /timeout|timed out/i.test(this.failingReason)
      await this.disconnect()
      const down = this.unreachable()
      if (down && !this.reported && this.timer) {
        this.reported = true
        this.log.error({ downForMs: Math.round(down.forMs), reason: down.reason }, 'database unreachable; /health answers 503')
      }
    }
  }

  private async disconnect(): Promise<void> {
    const client = this.client
    this.client = undefined
    await client?.end().catch((error: Error) => this.log.debug({ err: error }, 'database probe connection did not close cleanly'))
  }
}

/**
 * Serves `/health` and the API's fail-fast from a `DatabaseWatch`: the process's own when it
 * has one (`watch`, owned and stopped by the runtime, shared with the reconnect deadline so
 * Postgres is probed once per process), else one started here and stopped when the app closes.
 */
export function installDatabaseWatch(app: FastifyInstance, pool: pg.Pool, options: DatabaseWatchOptions & { watch?: DatabaseWatch } = {}): void {
  const probeMs = options.probeMs ?? 1000
  let watch = options.watch
  if (!watch) {
    if (probeMs <= 0) return
    const own = new DatabaseWatch(pool.options, app.log, { probeMs, graceMs: options.graceMs ?? 5000 })
    app.addHook('onClose', () => own.stop())
    watch = own
  }
  const active = watch
  app.decorate('databaseWatch', active)
  // While the last probe failed, /api requests answer 503 at once rather than wait up to the pool's
  // connect timeout (a host gone silent in a failover) or fail one by one; /health and /ready still answer.
  app.addHook('onRequest', async (request, reply) => {
    const reason = request.url.startsWith('/api/') ? active.failing() : undefined
    if (reason === undefined) return
    return reply.status(503).header('retry-after', '2').send({ error: { code: 'KAIROS_NOT_READY', message: `database unavailable: ${reason}`, details: [] } })
  })
}
