import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { countsAsUse } from '../tracking/counted-request.ts'
import { followLink } from '../tracking/follow-link.ts'
import { isPreviewCode } from '../tracking/link-code.ts'
import { linkNotFoundPage, TRANSPARENT_GIF } from '../tracking/tracking-pages.ts'
import { TrackedLinkParams, TrackedLinkResponses, TrackedPixelParams, TrackedPixelResponses } from '../schemas/tracked-link.ts'

/**
 * The public end of click and open tracking (docs/tracking.md): `/c/:code`, the short link a
 * message carries, redirects to its stored target; `/o/:code.gif`, an email's open pixel. No
 * login (contacts click them); they only ever redirect to a target stored with a delivery, so an
 * unknown code is a 404 page and never an open redirect.
 */
export const trackedLinkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/c/:code', {
    config: { permission: 'public' },
    schema: { tags: ['deliveries'], description: 'A tracked short link: redirects to its target and records the click', params: TrackedLinkParams, response: TrackedLinkResponses },
  }, async (request, reply) => {
    const { code } = request.params
    const hit = await followLink(app.kairos, 'click', code, { count: countsAsUse(request) })
    reply.header('cache-control', 'no-store')
    if (!hit?.target) return reply.code(404).type('text/html; charset=utf-8').send(linkNotFoundPage(isPreviewCode(code)))
    return reply.code(302).header('location', hit.target).send()
  })

  app.get('/o/:file', {
    config: { permission: 'public' },
    schema: { tags: ['deliveries'], description: "An email's open pixel (<code>.gif): records the open", params: TrackedPixelParams, response: TrackedPixelResponses },
  }, async (request, reply) => {
    const code = request.params.file.endsWith('.gif') ? request.params.file.slice(0, -'.gif'.length) : ''
    const hit = code ? await followLink(app.kairos, 'open', code, { count: countsAsUse(request) }) : undefined
    return reply.code(hit ? 200 : 404).header('cache-control', 'no-store, private').type('image/gif').send(TRANSPARENT_GIF)
  })
}
