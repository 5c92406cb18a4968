import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '@kairos/server'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { installContractCheck } from '../support/contract-check.ts'
import { openApiPath, type OpenApiDocument } from '../support/openapi-contract.ts'

// Walks the app's own route table, as access-routes.test.ts does: a route added tomorrow
// without a response schema fails here. To add one: `schema: { response: { 200: Reply } }`
// with a TypeBox schema from packages/server/src/schemas/ naming every field the handler
// returns (201, 202 or `204: NoContent` when it answers so); errors need nothing, every
// route gets 4XX and 5XX (ErrorReply) from http/error-responses.ts.

/** Routes left out of the document on purpose: the reference's own pages, and the websocket. */
const UNDOCUMENTED = /^\/docs(\/|$)|^\/api\/live$/

let kairos: TestKairos
let document: OpenApiDocument

beforeAll(async () => {
  kairos = await startTestKairos({ worker: false })
  document = (await kairos.api('GET', '/docs/json')).body
})
afterAll(() => kairos?.stop())

describe('the OpenAPI document', () => {
  it('has every route, each with a response schema for its success status and the shared error reply', () => {
    const routes = kairos.app.accessTable.filter((r) => r.method !== 'HEAD' && !UNDOCUMENTED.test(r.url))
    expect(routes.length).toBeGreaterThan(50)
    const lacking: string[] = []
    for (const route of routes) {
      const name = `${route.method} ${route.url}`
      const responses = document.paths[openApiPath(route.url)]?.[route.method.toLowerCase()]?.responses
      if (!responses) {
        lacking.push(`${name}: not in the document`)
        continue
      }
      // A redirect's success is its 3xx (the tracked short links, GET /c/:code), which has no body.
      const success = Object.keys(responses).filter((status) => /^(2\d\d|30[1237])$/.test(status))
      if (success.length === 0) lacking.push(`${name}: no 2xx response`)
      for (const status of success)
        if (status !== '204' && !status.startsWith('3') && !Object.values(responses[status].content ?? {}).some((c) => c.schema && Object.keys(c.schema).length > 0))
          lacking.push(`${name}: ${status} has no schema`)
      for (const status of ['4XX', '5XX'])
        if (JSON.stringify(responses[status]?.content?.['application/json']?.schema) !== JSON.stringify({ $ref: '#/components/schemas/ErrorReply' }))
          lacking.push(`${name}: ${status} is not the ErrorReply`)
    }
    expect(lacking).toEqual([])
  })

  it('declares the error reply once, as a component', () => {
    const reply = document.components?.schemas?.ErrorReply as { properties: { error: { required: string[]; properties: { code: { enum: string[] } } } } }
    expect(reply.properties.error.required).toEqual(['code', 'message', 'details'])
    expect(reply.properties.error.properties.code.enum).toContain('KAIROS_VALIDATION')
  })
})

describe('the contract check on test apps', () => {
  const Reply = { type: 'object', required: ['id', 'count'], properties: { id: { type: 'string' }, count: { type: 'integer' } } }
  const open = { permission: 'public' as const }

  // The real app with probe routes that break the contract in each way it can be broken, checked by the same hook.
  async function probeApp() {
    const app = await buildApp(kairos.core, { serveWeb: false })
    app.get('/probe/dropped', { config: open, schema: { response: { 200: Reply } } }, async () => ({ id: 'a', count: 1, secretlyDropped: true }))
    app.get('/probe/coerced', { config: open, schema: { response: { 200: Reply } } }, async () => ({ id: 'a', count: 1.5 }))
    app.get('/probe/nested', { config: open, schema: { response: { 200: { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } } } } } } }, async () => ({ items: [{ id: 'a' }, { id: 'b', note: 'x' }] }))
    app.get('/probe/undeclared', { config: open, schema: { response: { 200: Reply } } }, async (_request, reply) => reply.code(201 as 200).send({ id: 'a', count: 1 }))
    // A string payload is sent as is, unserialized: only the document can catch it.
    app.get('/probe/raw', { config: open, schema: { response: { 200: Reply } } }, async (_request, reply) => reply.type('application/json').send('{"id":7,"count":1}'))
    app.get('/probe/kept', { config: open, schema: { response: { 200: Reply } } }, async () => ({ id: 'a', count: 2 }))
    installContractCheck(app)
    return app
  }
  const get = (app: Awaited<ReturnType<typeof probeApp>>, url: string) => app.inject({ method: 'GET', url })

  it('fails an answer whose handler returned a field the schema drops, or a value it coerces, naming route, status and field', async () => {
    const app = await probeApp()
    await expect(get(app, '/probe/dropped')).rejects.toThrow(/GET \/probe\/dropped answered 200: \/secretlyDropped is in the handler's reply but the response schema drops it/)
    await expect(get(app, '/probe/coerced')).rejects.toThrow(/GET \/probe\/coerced answered 200: \/count was 1\.5 in the handler's reply but is sent as 1 \(the response schema coerces it\)/)
    await expect(get(app, '/probe/nested')).rejects.toThrow(/\/items\/1\/note is in the handler's reply but the response schema drops it/)
    expect((await get(app, '/probe/kept')).json()).toEqual({ id: 'a', count: 2 })
    await app.close()
  })

  it('fails a status the route does not declare, and a body that breaks the documented schema', async () => {
    const app = await probeApp()
    await expect(get(app, '/probe/undeclared')).rejects.toThrow(/GET \/probe\/undeclared answered 201, a status its OpenAPI responses do not declare \(200, 4XX, 5XX\)/)
    await expect(get(app, '/probe/raw')).rejects.toThrow(/GET \/probe\/raw answered 200, which breaks its response schema \(200\): \/id must be string/)
    // Errors are held to the shared ErrorReply too: a missing route's 404 has no route, but a bad id's has.
    expect((await get(app, '/api/flows/not-a-flow')).statusCode).toBe(401)
    await app.close()
  })
})
