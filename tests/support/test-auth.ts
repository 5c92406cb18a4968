import type { FastifyInstance, InjectOptions } from 'fastify'

/** The administrator every test workspace starts with, created through first-run setup. */
export const TEST_ADMIN = { email: 'admin@kairos.test', name: 'Test Admin', password: 'correct horse battery staple' }

export interface JsonReply<T = any> {
  status: number
  body: T
  headers: Record<string, unknown>
}

/** `app.inject` with a JSON body, returning the status and the parsed JSON answer. */
export async function injectJson<T = any>(
  app: FastifyInstance,
  request: { method: InjectOptions['method']; url: string; headers?: Record<string, string>; body?: unknown },
): Promise<JsonReply<T>> {
  const response = await app.inject({
    method: request.method,
    url: request.url,
    headers: request.headers,
    ...(request.body === undefined ? {} : { payload: request.body as object }),
  })
  const text = response.body
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = text
  }
  return { status: response.statusCode, body: body as T, headers: response.headers }
}

/** A person logged in through the API: their cookie, their CSRF token, and calls made as them. */
export interface SessionClient {
  cookie: string
  csrfToken: string
  /** Headers a browser would send: the cookie, and the CSRF token (on every call; the server needs it on writes). */
  headers: Record<string, string>
  api<T = any>(method: InjectOptions['method'], url: string, body?: unknown): Promise<JsonReply<T>>
}

function sessionClient(app: FastifyInstance, reply: JsonReply): SessionClient {
  const setCookie = [reply.headers['set-cookie']].flat().find((c) => typeof c === 'string' && c.startsWith('kairos_session=')) as string | undefined
  if (!setCookie) throw new Error(`no session cookie in the answer (${reply.status}): ${JSON.stringify(reply.body)}`)
  const cookie = setCookie.split(';')[0]
  const csrfToken = reply.body.csrfToken as string
  const headers = { cookie, 'x-csrf-token': csrfToken }
  return { cookie, csrfToken, headers, api: (method, url, body) => injectJson(app, { method, url, headers, body }) }
}

/** Logs in as a user would, through POST /api/auth/login. */
export async function logIn(app: FastifyInstance, email: string, password: string): Promise<SessionClient> {
  const reply = await injectJson(app, { method: 'POST', url: '/api/auth/login', body: { email, password } })
  if (reply.status !== 200) throw new Error(`login as ${email} failed (${reply.status}): ${JSON.stringify(reply.body)}`)
  return sessionClient(app, reply)
}

/**
 * The workspace's administrator key: on a new database, creates the first administrator
 * through POST /api/auth/setup as the editor's first-run page does, logs in, and creates an
 * `admin` API key; on a database that has one (a restart), logs in again and makes another.
 */
export async function adminKeyHeaders(app: FastifyInstance): Promise<Record<string, string>> {
  const setup = await injectJson(app, { method: 'POST', url: '/api/auth/setup', body: TEST_ADMIN })
  const admin = setup.status === 201 ? sessionClient(app, setup) : await logIn(app, TEST_ADMIN.email, TEST_ADMIN.password)
  const key = await admin.api('POST', '/api/api-keys', { name: 'tests', scopes: ['admin'] })
  if (key.status !== 201) throw new Error(`creating the test key failed (${key.status}): ${JSON.stringify(key.body)}`)
  return { authorization: `Bearer ${key.body.secret}` }
}

/** Creates a user as the administrator and logs them in. */
export async function userSession(
  app: FastifyInstance,
  adminHeaders: Record<string, string>,
  user: { email: string; role: string; name?: string; password?: string; salesRepId?: string },
): Promise<SessionClient> {
  const password = user.password ?? 'a long enough password'
  const created = await injectJson(app, { method: 'POST', url: '/api/users', headers: adminHeaders, body: { name: user.email, ...user, password } })
  if (created.status !== 201) throw new Error(`creating ${user.email} failed (${created.status}): ${JSON.stringify(created.body)}`)
  return logIn(app, user.email, password)
}

/** Creates an API key with the given scopes as the administrator; returns its Authorization header. */
export async function keyHeaders(app: FastifyInstance, adminHeaders: Record<string, string>, scopes: string[]): Promise<Record<string, string>> {
  const created = await injectJson(app, { method: 'POST', url: '/api/api-keys', headers: adminHeaders, body: { name: scopes.join('+'), scopes } })
  if (created.status !== 201) throw new Error(`creating a key failed (${created.status}): ${JSON.stringify(created.body)}`)
  return { authorization: `Bearer ${created.body.secret}` }
}
