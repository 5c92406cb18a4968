import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import fastifyStatic from '@fastify/static'
import fastifyWebsocket from '@fastify/websocket'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { REPO_ROOT } from './config.ts'
import type { KairosCore } from './core.ts'
import { installErrorHandler } from './http/error-handler.ts'
import { contactRoutes } from './routes/contact-routes.ts'
import { eventRoutes } from './routes/event-routes.ts'
import { flowRoutes } from './routes/flow-routes.ts'
import { healthRoutes } from './routes/health-routes.ts'
import { nodeTypeRoutes } from './routes/node-type-routes.ts'
import { runRoutes } from './routes/run-routes.ts'
import { liveRoutes } from './routes/live-routes.ts'
import { templateRoutes } from './routes/template-routes.ts'
import { channelRoutes } from './routes/channel-routes.ts'
import { salesRoutes } from './routes/sales-routes.ts'
import { couponRoutes } from './routes/coupon-routes.ts'
import { segmentRoutes } from './routes/segment-routes.ts'
import { policyRoutes } from './routes/policy-routes.ts'
import { LiveHub } from './live/live-hub.ts'

declare module 'fastify' {
  interface FastifyInstance {
    kairos: KairosCore
    /** Live counters fan-out for websocket clients of this process. */
    liveHub: LiveHub
  }
}

export interface BuildAppOptions {
  /** Fastify's logger: true, false (default) or pino options. */
  logger?: boolean | object
  /** Serve the editor from web/dist (or the placeholder page) at `/` (default true). */
  serveWeb?: boolean
  /** How often live counters are pushed to websocket clients at most (default 250 ms). */
  liveFlushMs?: number
  /** How often websocket clients are pinged; one that misses a ping is dropped (default 30 s). */
  liveHeartbeatMs?: number
}

/**
 * The HTTP app over a wired core. No port is opened here: `main.ts` listens,
 * tests call `inject()`.
 */
export async function buildApp(core: KairosCore, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 5 * 1024 * 1024,
    // No type coercion: a body of the wrong type is an error, not silently converted.
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: false, useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>()
  app.decorate('kairos', core)
  installErrorHandler(app)
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Kairos API', version: '0.1.0', description: 'Journeys, contacts, events, runs and deliveries' },
      tags: ['flows', 'contacts', 'events', 'runs', 'deliveries', 'templates', 'channels', 'sales', 'coupons', 'policies', 'node types', 'health'].map((name) => ({ name })),
    },
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' })
  await app.register(healthRoutes)
  await app.register(nodeTypeRoutes)
  await app.register(flowRoutes)
  await app.register(contactRoutes)
  await app.register(eventRoutes)
  await app.register(runRoutes)
  await app.register(templateRoutes)
  await app.register(channelRoutes)
  await app.register(salesRoutes)
  await app.register(couponRoutes)
  await app.register(segmentRoutes)
  await app.register(policyRoutes)
  await app.register(fastifyWebsocket)
  const hub = new LiveHub(core.database.pool, { flushMs: options.liveFlushMs })
  app.decorate('liveHub', hub)
  app.addHook('onClose', () => hub.stop())
  await app.register(liveRoutes(hub, { heartbeatMs: options.liveHeartbeatMs }))
  if (options.serveWeb ?? true) {
    const built = join(REPO_ROOT, 'web', 'dist')
    await app.register(fastifyStatic, { root: existsSync(built) ? built : join(REPO_ROOT, 'web', 'public'), prefix: '/' })
  }
  return app
}
