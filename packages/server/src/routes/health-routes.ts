import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sql } from 'kysely'
import type { ProcessRole } from '../config.ts'
import type { WorkerHealth } from '../execution/worker.ts'
import { pluginSetHash } from '../plugins/loader.ts'
import { HealthReply, NotReadyReply, ReadyReply } from '../schemas/health.ts'
import { ErrorReplyRef } from '../schemas/error-reply.ts'

/** What `/ready` knows about the process besides its database. */
export interface ProcessHealth {
  role: ProcessRole
  /** The in-process worker's state (absent in the `api` role). */
  worker?: () => WorkerHealth
}

declare module 'fastify' {
  interface FastifyInstance {
    processHealth?: ProcessHealth
  }
}

function describeWorker(health: WorkerHealth): string {
  if (health.state === 'running') return 'running'
  if (health.state === 'stopped') return 'stopped'
  return `reconnecting since ${health.since.toISOString()} (${Math.round(health.forMs / 1000)} s): ${health.reason}`
}

/**
 * `/health`: the process is up and Postgres has not been unreachable for longer than the
 * watch's grace (503 after, so a supervisor restarts it). `/ready`: it can reach Postgres, its
 * schema is in place and its worker (roles `worker` and `all`) runs; a 503 names the part that
 * is not ready, e.g. `{ status: 'not ready', role: 'all', database: 'ok', worker: 'reconnecting since …' }`.
 * Both answers of `/ready` carry `pluginSet`, the hash of the loaded plugin set (as `GET /api/plugins`).
 */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', { config: { permission: 'public' }, schema: { tags: ['health'], response: { 200: HealthReply, 503: ErrorReplyRef } } }, async (_request, reply) => {
    const down = app.databaseWatch?.unreachable()
    if (!down) return { status: 'ok' as const }
    const message = `database unreachable for ${Math.round(down.forMs / 1000)} s: ${down.reason}`
    return reply.status(503).send({ error: { code: 'KAIROS_NOT_READY', message, details: [] } })
  })
  const pluginSet = pluginSetHash(app.kairos.plugins)
  app.get('/ready', { config: { permission: 'public' }, schema: { tags: ['health'], response: { 200: ReadyReply, 503: NotReadyReply } } }, async (_request, reply) => {
    let database = 'ok'
    try {
      await sql`select 1 from runs limit 1`.execute(app.kairos.database.db)
    } catch (error) {
      database = `not ready: ${(error as Error).message}`
    }
    const process = app.processHealth
    const health = process?.worker?.()
    const worker = health && describeWorker(health)
    const facts = { ...(process ? { role: process.role, database, ...(worker ? { worker } : {}) } : {}), pluginSet }
    if (database === 'ok' && (!health || health.state === 'running')) return { status: 'ready' as const, ...facts }
    const message = database !== 'ok' ? `database ${database}` : `worker ${worker}`
    return reply.status(503).send({ status: 'not ready' as const, ...facts, error: { code: 'KAIROS_NOT_READY', message, details: [] } })
  })
}
