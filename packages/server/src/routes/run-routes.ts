import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DeliveriesQuery, DeliveryReceiptBody, IdParams, pageSize, RunsQuery } from '../schemas/api.ts'
import { recordReceipt } from '../delivery/record-receipt.ts'

/** Runs with their step traces, and the outbox of deliveries. */
export const runRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { runs, deliveries } = app.kairos
  app.get('/api/runs', { config: { permission: 'read' }, schema: { tags: ['runs'], querystring: RunsQuery } }, async (request) => ({
    runs: await runs.list({ ...request.query, limit: pageSize(request.query.limit) }),
  }))
  app.get('/api/runs/:id', { config: { permission: 'read' }, schema: { tags: ['runs'], params: IdParams } }, async (request) => runs.get(request.params.id))
  app.get('/api/deliveries', { config: { permission: 'read' }, schema: { tags: ['deliveries'], querystring: DeliveriesQuery } }, async (request) => ({
    deliveries: await deliveries.list({ ...request.query, limit: pageSize(request.query.limit) }),
  }))
  app.post('/api/deliveries/:id/status', { config: { permission: 'events:write' }, schema: { tags: ['deliveries'], params: IdParams, body: DeliveryReceiptBody } }, async (request) =>
    recordReceipt(app.kairos, request.params.id, request.body),
  )
}
