import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { parseDuration } from '@kairos/sdk'
import { DeliveriesQuery, DeliveryReceiptBody, IdParams, pageSize, RunsQuery } from '../schemas/api.ts'
import { Type } from 'typebox'
import { CancelRunsReply, RetryRunsReply, RunSelector, StuckRunsQuery, StuckRunsReply } from '../schemas/run-admin.ts'
import { recordReceipt } from '../delivery/record-receipt.ts'
import { RunList, RunWithSteps } from '../schemas/run.ts'
import { Delivery, DeliveryList, ReceiptReply } from '../schemas/delivery.ts'
import { actorOf } from '../auth/audit-log.ts'
import { KairosError, notFound } from '../errors.ts'
import { describeSelector, resolveSelector } from '../runs/run-selector.ts'
import { cancelRuns, CANCELLABLE } from '../runs/cancel-runs.ts'
import { retryRuns } from '../runs/retry-runs.ts'
import { DEFAULT_STUCK_AFTER, stuckRuns } from '../runs/stuck-runs.ts'

/** Runs with their step traces, stuck runs and bulk cancel and retry, and the outbox of deliveries. */
/** A delivery's id: a uuid, so a malformed one is a 400 naming params.id rather than a query Postgres refuses. */
const DeliveryIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

export const runRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { runs, deliveries, flows, audit } = app.kairos
  const deps = { db: app.kairos.database.db, clock: app.kairos.clock, catalog: app.kairos.catalog }

  /** One audit entry per bulk action, with the selector and how many runs it touched (also when a later batch failed). */
  async function audited(request: FastifyRequest, action: string, selector: RunSelector, count: string, work: (progress: { changed: number }) => Promise<number>) {
    const progress = { changed: 0 }
    try {
      return await work(progress)
    } finally {
      const target = selector.flowId ? { type: 'flow', id: selector.flowId } : { type: 'runs', id: null }
      await audit.record(actorOf(request), { action, target, diff: { selector: describeSelector(selector), [count]: progress.changed } })
    }
  }

  app.get('/api/runs', { config: { permission: 'read' }, schema: { tags: ['runs'], querystring: RunsQuery, response: { 200: RunList } } }, async (request) => ({
    runs: await runs.list({ ...request.query, limit: pageSize(request.query.limit) }),
  }))
  app.get('/api/runs/:id', { config: { permission: 'read' }, schema: { tags: ['runs'], params: IdParams, response: { 200: RunWithSteps } } }, async (request) => {
    // get() reads the steps too (a listed run has none): the type only leaves them optional.
    const { steps = [], ...run } = await runs.get(request.params.id)
    return { ...run, steps }
  })

  app.get('/api/flows/:id/stuck-runs', {
    config: { permission: 'read' },
    schema: {
      tags: ['runs'], params: IdParams, querystring: StuckRunsQuery, response: { 200: StuckRunsReply },
      description: 'Runs of the flow that are stuck: waiting past their wake time or running without progress for longer than olderThan, or failed (with the error)',
    },
  }, async (request) => {
    const flow = await flows.get(request.params.id)
    const olderThan = request.query.olderThan ?? DEFAULT_STUCK_AFTER
    let olderThanMs: number
    try {
      olderThanMs = parseDuration(olderThan)
    } catch (error) {
      throw new KairosError('KAIROS_VALIDATION', `querystring.olderThan ${(error as Error).message}`, [{ field: 'querystring.olderThan', message: (error as Error).message }])
    }
    const { reason, node, before, limit } = request.query
    return stuckRuns(deps.db, { flowId: flow.id, now: deps.clock.now(), olderThan, olderThanMs, reason, node, before, limit: pageSize(limit) })
  })

  app.post('/api/runs/cancel', {
    config: { permission: 'workspace:write' },
    schema: {
      tags: ['runs'], body: RunSelector, response: { 200: CancelRunsReply },
      description: 'Ends the selected running, waiting or failed runs as cancelled; their waits, timeouts and queued messages go with them',
    },
  }, async (request) => {
    const selector = resolveSelector(request.body, { name: 'cancel', statuses: CANCELLABLE })
    const by = actorOf(request).label
    return { cancelled: await audited(request, 'runs.cancel', request.body, 'cancelled', (progress) => cancelRuns(deps, selector, by, progress)) }
  })

  app.post('/api/runs/retry', {
    config: { permission: 'workspace:write' },
    schema: {
      tags: ['runs'], body: RunSelector, response: { 200: RetryRunsReply },
      description: 'Sends the selected failed runs back to the node they failed at; what that step had already sent is not sent again',
    },
  }, async (request) => {
    const selector = resolveSelector(request.body, { name: 'retry', statuses: ['failed'] })
    return { retried: await audited(request, 'runs.retry', request.body, 'retried', (progress) => retryRuns(deps, selector, progress)) }
  })

  app.get('/api/deliveries', { config: { permission: 'read' }, schema: { tags: ['deliveries'], querystring: DeliveriesQuery, response: { 200: DeliveryList } } }, async (request) => ({
    deliveries: await deliveries.list({ ...request.query, limit: pageSize(request.query.limit) }),
  }))
  app.get('/api/deliveries/:id', { config: { permission: 'read' }, schema: { tags: ['deliveries'], params: DeliveryIdParams, response: { 200: Delivery } } }, async (request) => {
    const delivery = await deliveries.get(request.params.id)
    if (!delivery) throw notFound('delivery', request.params.id)
    return delivery
  })
  app.post('/api/deliveries/:id/status', { config: { permission: 'events:write' }, schema: { tags: ['deliveries'], params: IdParams, body: DeliveryReceiptBody, response: { 200: ReceiptReply } } }, async (request) =>
    recordReceipt(app.kairos, request.params.id, request.body),
  )
}
