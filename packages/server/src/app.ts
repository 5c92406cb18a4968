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
import { installErrorResponses } from './http/error-responses.ts'
import { loggerOptions } from './http/log-options.ts'
import { RequestLog } from './http/request-log.ts'
import { installRequestIdHeader, requestId } from './http/request-id.ts'
import { installSecurityHeaders } from './http/security-headers.ts'
import { installCors } from './http/cors.ts'
import { installInputGuard } from './http/input-guard.ts'
import { MAX_PARAM_LENGTH } from './http/client-errors.ts'
import { frameworkErrors } from './http/framework-errors.ts'
import { installDatabaseWatch, type DatabaseWatch } from './http/database-watch.ts'
import { contactRoutes } from './routes/contact-routes.ts'
import { eventRoutes } from './routes/event-routes.ts'
import { flowRoutes } from './routes/flow-routes.ts'
import { healthRoutes } from './routes/health-routes.ts'
import { nodeTypeRoutes } from './routes/node-type-routes.ts'
import { runRoutes } from './routes/run-routes.ts'
import { liveRoutes } from './routes/live-routes.ts'
import { templateRoutes } from './routes/template-routes.ts'
import { channelRoutes } from './routes/channel-routes.ts'
import { channelTestRoutes } from './routes/channel-test-routes.ts'
import { contactExportRoutes } from './routes/contact-export-routes.ts'
import { contactMessageRoutes } from './routes/contact-message-routes.ts'
import { channelReceiptRoutes } from './routes/channel-receipt-routes.ts'
import { salesRoutes } from './routes/sales-routes.ts'
import { couponRoutes } from './routes/coupon-routes.ts'
import { segmentRoutes } from './routes/segment-routes.ts'
import { policyRoutes } from './routes/policy-routes.ts'
import { calendarRoutes } from './routes/calendar-routes.ts'
import { simulationRoutes } from './routes/simulation-routes.ts'
import { reportRoutes } from './routes/report-routes.ts'
import { trackRoutes, type TrackRouteOptions } from './routes/track-routes.ts'
import { trackedLinkRoutes } from './routes/tracked-link-routes.ts'
import { starterRoutes } from './routes/starter-routes.ts'
import { LiveHub } from './live/live-hub.ts'
import { closeLiveSockets } from './live/restart-close.ts'
import type { ProcessHealth } from './routes/health-routes.ts'
import fastifyCookie from '@fastify/cookie'
import fastifyRateLimit from '@fastify/rate-limit'
import { accessPlugin } from './auth/access-plugin.ts'
import { authRoutes, type AuthRouteOptions } from './routes/auth-routes.ts'
import { userRoutes } from './routes/user-routes.ts'
import { metricsRoutes, type MetricsRouteOptions } from './metrics/metrics-routes.ts'

declare module 'fastify' {
  interface FastifyInstance {
    kairos: KairosCore
    /** Live counters fan-out for websocket clients of this process. */
    liveHub: LiveHub
  }
}

export interface BuildAppOptions {
  /** Fastify's logger: true (level info), false (default) or pino options such as `{ level, stream }`; secrets are redacted either way. */
  logger?: boolean | object
  /** Origins allowed to call the API from a browser with credentials (KAIROS_CORS_ORIGINS; default none: no CORS headers). */
  corsOrigins?: string[]
  /** How long Postgres may be unreachable before /health answers 503 (default 5000 ms). */
  healthDbGraceMs?: number
  /** How often /health's watch probes Postgres (default 1000 ms; 0 turns the watch off). */
  healthDbProbeMs?: number
  /** The process's own database watch (the runtime's), shared instead of starting another probe; default: one of the app's. */
  databaseWatch?: DatabaseWatch
  /** Serve the editor from web/dist (or the placeholder page) at `/` (default true). */
  serveWeb?: boolean
  /** How often live counters are pushed to websocket clients at most (default 250 ms). */
  liveFlushMs?: number
  /** How often websocket clients are pinged; one that misses a ping is dropped (default 30 s). */
  liveHeartbeatMs?: number
  /** Accounts: cookie security, login rate limits, origins allowed to use a session from elsewhere. */
  access?: AuthRouteOptions & { allowedOrigins?: string[] }
  /** Trust X-Forwarded-* headers from a reverse proxy (Fastify's trustProxy; default false). */
  trustProxy?: boolean | number | string
  /** /metrics: how long gauges read from Postgres are reused between scrapes (default 5000 ms). */
  metrics?: MetricsRouteOptions
  /** This process's role and its worker's health, for `/ready` (default: only the database is checked). */
  health?: ProcessHealth
  /** The tracking API (/v1/*): the per-key request rate (default 100 a second per process). */
  track?: TrackRouteOptions
}

/**
 * The HTTP app over a wired core. No port is opened here: `main.ts` listens,
 * tests call `inject()`.
 */
export async function buildApp(core: KairosCore, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options.logger),
    genReqId: requestId,
    logController: new RequestLog(),
    frameworkErrors,
    // Fastify's default (100) refused with a 414 external ids of 101–200 characters, which the schemas allow.
    maxParamLength: MAX_PARAM_LENGTH,
    bodyLimit: 5 * 1024 * 1024,
    // A hop count is valid for Fastify (proxy-addr) though its types omit it.
    trustProxy: (options.trustProxy ?? false) as boolean | string,
    // No type coercion: a body of the wrong type is an error, not silently converted.
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: false, useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>()
  app.decorate('kairos', core)
  app.decorate('processHealth', options.health)
  installErrorHandler(app)
  installErrorResponses(app)
  installRequestIdHeader(app)
  installSecurityHeaders(app)
  installCors(app, options.corsOrigins ?? [])
  installInputGuard(app)
  installDatabaseWatch(app, core.database.pool, { graceMs: options.healthDbGraceMs, probeMs: options.healthDbProbeMs, watch: options.databaseWatch })
  // Access first: its onRoute hook must see every route registered after it.
  await app.register(fastifyCookie)
  await app.register(fastifyRateLimit, { global: false })
  await app.register(accessPlugin, { allowedOrigins: options.access?.allowedOrigins })
  await app.register(fastifySwagger, {
    // Shared schemas (the error reply) keep their $id as their name under components.schemas.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    openapi: {
      info: { title: 'Kairos API', version: '0.1.0', description: 'Journeys, contacts, events, runs and deliveries' },
      tags: ['flows', 'contacts', 'events', 'runs', 'deliveries', 'templates', 'channels', 'sales', 'coupons', 'policies', 'tracking', 'node types', 'auth', 'access', 'health'].map((name) => ({ name })),
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (kai_…) from Settings → API keys or POST /api/api-keys' },
          session: { type: 'apiKey', in: 'cookie', name: 'kairos_session', description: 'The editor\'s login; writes also send x-csrf-token' },
        },
      },
      // Every route needs one of them but the public ones, which say so themselves (see auth/access-plugin.ts).
      security: [{ apiKey: [] }, { session: [] }],
    },
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' })
  await app.register(healthRoutes)
  await app.register(authRoutes(options.access))
  await app.register(userRoutes)
  await app.register(nodeTypeRoutes)
  await app.register(flowRoutes)
  await app.register(contactRoutes)
  await app.register(contactExportRoutes)
  await app.register(contactMessageRoutes)
  await app.register(eventRoutes)
  await app.register(runRoutes)
  await app.register(templateRoutes)
  await app.register(channelRoutes)
  await app.register(channelTestRoutes)
  await app.register(channelReceiptRoutes)
  await app.register(salesRoutes)
  await app.register(couponRoutes)
  await app.register(segmentRoutes)
  await app.register(policyRoutes)
  await app.register(calendarRoutes)
  await app.register(simulationRoutes)
  await app.register(reportRoutes)
  await app.register(trackRoutes(options.track))
  await app.register(trackedLinkRoutes)
  await app.register(starterRoutes)
  await app.register(fastifyWebsocket, { preClose: closeLiveSockets })
  const hub = new LiveHub(core.database.pool, { flushMs: options.liveFlushMs })
  app.decorate('liveHub', hub)
  app.addHook('onClose', () => hub.stop())
  await app.register(liveRoutes(hub, { heartbeatMs: options.liveHeartbeatMs }))
  await app.register(metricsRoutes(options.metrics))
  if (options.serveWeb ?? true) {
    const built = join(REPO_ROOT, 'web', 'dist')
    await app.register(fastifyStatic, { root: existsSync(built) ? built : join(REPO_ROOT, 'web', 'public'), prefix: '/' })
  }
  return app
}
