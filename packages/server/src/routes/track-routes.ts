import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { KairosError } from '../errors.ts'
import { BatchBody, IdentifyBody, TRACK_BATCH_BYTES, TRACK_MESSAGE_BYTES, TrackBody, TrackReply } from '../schemas/track.ts'
import { AnonymousVisitors } from '../track-api/anonymous-visitors.ts'
import { TrackCors } from '../track-api/track-cors.ts'
import { toMessages } from '../track-api/track-messages.ts'
import { TrackService } from '../track-api/track-service.ts'
import { loadSnippet } from '../track-api/snippet-asset.ts'

/** Options of the tracking API's routes (buildApp's `track`). */
export interface TrackRouteOptions {
  /** Requests one public key may make per window in this process (default 100 per second); over it, 429. */
  perKey?: { max: number; windowMs: number }
}

const track = { permission: 'track:write' as const }
const tags = ['tracking']

/**
 * The tracking API for websites and CDPs, in Segment's HTTP shape (docs/tracking.md):
 * POST /v1/track, /v1/identify and /v1/batch with a public key, CORS by the key's origins,
 * and the browser snippet at GET /v1/kairos.js.
 */
export function trackRoutes(options: TrackRouteOptions = {}): FastifyPluginAsyncTypebox {
  return async (app) => {
    const core = app.kairos
    const visitors = new AnonymousVisitors({ db: core.database.db, catalog: core.catalog, clock: core.clock })
    const service = new TrackService({ contacts: core.contacts, visitors, ingest: core.ingest, consentAttribute: async () => (await core.policies.get()).consent.attribute })
    const cors = new TrackCors(core.apiKeys)
    const snippet = loadSnippet()
    const perKey = options.perKey ?? { max: 100, windowMs: 1000 }
    const limit = app.createRateLimit({ max: perKey.max, timeWindow: perKey.windowMs, keyGenerator: (r) => `track:${r.principal?.kind === 'key' ? r.principal.keyId : r.ip}` })

    // The browser snippet sends text/plain (a CORS "simple" request: no preflight, and what
    // sendBeacon sends); its text is the same JSON.
    app.removeContentTypeParser('text/plain')
    app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, JSON.parse(body as string))
      } catch (error) {
        done(error as Error)
      }
    })

    /** Origin, then the key's rate: before the body is validated, so a browser can read the 400 it gets. */
    const admit = async (request: FastifyRequest, reply: FastifyReply) => {
      cors.admit(request, reply)
      const result = await limit(request)
      if (!result.isAllowed && result.isExceeded) {
        reply.header('retry-after', String(result.ttlInSeconds))
        throw new KairosError('KAIROS_RATE_LIMITED', `this key sent more than ${perKey.max} requests in ${perKey.windowMs} ms: try again in ${result.ttlInSeconds} s`)
      }
    }
    const ok = { success: true as const }
    const sender = (request: FastifyRequest) => ({ rewritesAttributes: request.principal?.permissions.has('contacts:write') ?? false })

    app.post('/v1/track', { config: track, bodyLimit: TRACK_MESSAGE_BYTES, preValidation: admit, schema: { tags, body: TrackBody, response: { 200: TrackReply } } }, async (request) => {
      await service.apply(toMessages([{ ...request.body, type: 'track' }], { prefix: () => 'body', receivedAt: core.clock.now() }), sender(request))
      return ok
    })
    app.post('/v1/identify', { config: track, bodyLimit: TRACK_MESSAGE_BYTES, preValidation: admit, schema: { tags, body: IdentifyBody, response: { 200: TrackReply } } }, async (request) => {
      await service.apply(toMessages([{ ...request.body, type: 'identify' }], { prefix: () => 'body', receivedAt: core.clock.now() }), sender(request))
      return ok
    })
    app.post('/v1/batch', { config: track, bodyLimit: TRACK_BATCH_BYTES, preValidation: admit, schema: { tags, body: BatchBody, response: { 200: TrackReply } } }, async (request) => {
      const { batch, sentAt } = request.body
      await service.apply(toMessages(batch, { prefix: (i) => `body.batch[${i}]`, receivedAt: core.clock.now(), sentAt }), sender(request))
      return ok
    })
    for (const url of ['/v1/track', '/v1/identify', '/v1/batch'])
      app.options(url, { config: { permission: 'public' }, schema: { tags, response: { 204: Type.Null() } } }, async (request, reply) => {
        await cors.preflight(request, reply)
      })

    app.get('/v1/kairos.js', { config: { permission: 'public' }, schema: { tags, response: { 200: { description: 'The snippet', content: { 'text/javascript': { schema: Type.String() } } }, 304: { description: 'Not modified (If-None-Match)', type: 'null' } } } }, async (request, reply) => {
      reply
        .header('content-type', 'text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .header('etag', snippet.etag)
        // Loaded by a <script> on other sites' pages.
        .header('cross-origin-resource-policy', 'cross-origin')
      if (request.headers['if-none-match'] === snippet.etag) return reply.status(304).send(null)
      return snippet.body
    })
  }
}
