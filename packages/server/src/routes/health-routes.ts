import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sql } from 'kysely'

/** `/health`: the process is up. `/ready`: it can reach Postgres and its schema is in place. */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', { schema: { tags: ['health'] } }, async () => ({ status: 'ok' }))
  app.get('/ready', { schema: { tags: ['health'] } }, async (_request, reply) => {
    try {
      await sql`select 1 from runs limit 1`.execute(app.kairos.database.db)
      return { status: 'ready' }
    } catch (error) {
      return reply.status(503).send({ error: { code: 'KAIROS_NOT_READY', message: `database not ready: ${(error as Error).message}`, details: [] } })
    }
  })
}
