import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Registry } from 'prom-client'
import { metricsRegistry } from './metrics-registry.ts'

/** Options of the /metrics route. */
export interface MetricsRouteOptions {
  /** How long Postgres figures are reused between scrapes (default 5000 ms). */
  cacheMs?: number
}

/**
 * `GET /metrics`: this process's metrics in Prometheus' text format, for an
 * administrator or an API key with the `metrics` scope (the `metrics`
 * permission). Register after @fastify/websocket: the websocket clients
 * gauge counts its server's clients. What each metric means: docs/operations.md.
 */
export function metricsRoutes(options: MetricsRouteOptions = {}): FastifyPluginAsyncTypebox {
  return async (app) => {
    let registry: Registry | undefined
    const registryOf = () =>
      (registry ??= metricsRegistry({
        db: app.kairos.database.db,
        pool: app.kairos.database.pool,
        websocketClients: () => app.websocketServer?.clients.size ?? 0,
        cacheMs: options.cacheMs,
        onError: (error) => app.log.error({ err: error }, 'metrics: reading gauges from Postgres failed'),
      }))
    app.get(
      '/metrics',
      {
        config: { permission: 'metrics' },
        schema: {
          tags: ['health'],
          summary: 'Prometheus metrics of this process (text format); needs an admin or a key with scope metrics',
          response: { 200: { description: 'The Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } } },
        },
      },
      async (_request, reply) => {
        const metrics = registryOf()
        const text = await metrics.metrics()
        return reply.type(metrics.contentType).send(text)
      },
    )
  }
}
