import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../auth/audit-log.ts'
import { CalendarList, CalendarReply } from '../schemas/calendar.ts'
import { NoContent } from '../schemas/reply-fields.ts'

const NameParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 64, description: 'The calendar, e.g. cn-mainland' }) })
const YearQuery = Type.Object({ year: Type.Optional(Type.String({ pattern: '^\\d{4}$', description: 'Only the days of this year' })) }, { additionalProperties: false })
/** 1 MB of calendar text is decades of holidays; the default body limit holds it. */
const UploadBody = Type.Object(
  {
    format: Type.Union([Type.Literal('json'), Type.Literal('ics')], { description: 'json: the format of docs/calendars.md; ics: all-day VEVENTs' }),
    content: Type.String({ minLength: 1, maxLength: 1_000_000, description: "The file's text" }),
    description: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)

/**
 * Holiday calendars for quiet hours and wait.until (docs/calendars.md): anyone
 * who reads the workspace lists them; uploading and deleting is for admins, like the policies that use them.
 */
export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { calendars } = app.kairos
  const tags = ['policies']
  app.get('/api/calendars', { config: { permission: 'read' }, schema: { tags, response: { 200: CalendarList } } }, async () => ({ calendars: await calendars.list() }))
  app.get('/api/calendars/:name', { config: { permission: 'read' }, schema: { tags, params: NameParams, querystring: YearQuery, response: { 200: CalendarReply } } }, async (request) =>
    calendars.get(request.params.name, request.query.year === undefined ? undefined : Number(request.query.year)),
  )
  app.put('/api/calendars/:name', { config: { permission: 'admin' }, schema: { tags, params: NameParams, body: UploadBody, response: { 200: CalendarReply } } }, async (request) => {
    const calendar = await calendars.upload(request.params.name, request.body)
    await app.kairos.audit.record(actorOf(request), {
      action: 'calendar.upload',
      target: { type: 'calendar', id: calendar.name },
      diff: { format: request.body.format, years: calendar.years.map((y) => y.year), days: calendar.days.length },
    })
    return calendar
  })
  app.delete('/api/calendars/:name', { config: { permission: 'admin' }, schema: { tags, params: NameParams, response: { 204: NoContent } } }, async (request, reply) => {
    await calendars.remove(request.params.name)
    await app.kairos.audit.record(actorOf(request), { action: 'calendar.delete', target: { type: 'calendar', id: request.params.name }, diff: null })
    return reply.status(204).send()
  })
}
