import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sql } from 'kysely'

/**
 * `/health`: the process is up and Postgres has not been unreachable for longer than the
 * watch's grace (503 after, so a supervisor restarts it). `/ready`: it can reach Postgres and
 * its schema is in place.
 */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', { config: { permission: 'public' }, schema: { tags: ['health'] } }, async (_request, reply) => {
    const down = app.databaseWatch?.unreachable()
    if (!down) return { status: 'ok' }
    const message = `database unreachable for ${Math.round(down.forMs / 1000)} s: ${down.reason}`
    return reply.status(503).send({ error: { code: 'KAIROS_NOT_READY', message, details: [] } })
  })
  app.get('/ready', { config: { permission: 'public' }, schema: { tags: ['health'] } }, async (_request, reply) => {
    try {
      await sql`select 1 from runs limit 1`.execute(app.kairos.database.db)
      return { status: 'ready' }
    } catch (error) {
      return reply.status(503).send({ error: { code: 'KAIROS_NOT_READY', message: `database not ready: ${(error as Error).message}`, details: [] } })
    }
  })
}
