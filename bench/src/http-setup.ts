/**
 * Sets a running Kairos up over HTTP the way an administrator would before
 * pointing a webhook at it: log in (session cookie, CSRF token on every
 * write), create an `events:write` API key, create and publish a flow.
 */
export interface HttpSetup {
  /** The API key's secret, sent as `authorization: Bearer <key>`. */
  key: string
  flowId: string
}

type Session = { cookie: string; csrfToken: string }

async function send(url: string, path: string, body: object, session?: Session): Promise<{ status: number; body: any; response: Response }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (session) Object.assign(headers, { cookie: session.cookie, 'x-csrf-token': session.csrfToken })
  const response = await fetch(new URL(path, url), { method: 'POST', headers, body: JSON.stringify(body) })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : undefined, response }
}

function expect(what: string, reply: { status: number; body: unknown }, status: number): void {
  if (reply.status !== status) throw new Error(`${what} answered ${reply.status} (expected ${status}): ${JSON.stringify(reply.body)}`)
}

export async function setUpOverHttp(
  url: string,
  admin: { email: string; password: string },
  flow: { name: string; graph: unknown },
): Promise<HttpSetup> {
  const login = await send(url, '/api/auth/login', admin)
  expect('POST /api/auth/login', login, 200)
  // The session cookie is the only one login sets; a browser would send it back as it is.
  const cookie = login.response.headers.getSetCookie()[0]?.split(';')[0]
  if (!cookie) throw new Error('POST /api/auth/login set no session cookie')
  const session = { cookie, csrfToken: login.body.csrfToken as string }

  const key = await send(url, '/api/api-keys', { name: 'bench webhook', scopes: ['events:write'] }, session)
  expect('POST /api/api-keys', key, 201)
  const created = await send(url, '/api/flows', flow, session)
  expect('POST /api/flows', created, 201)
  const published = await send(url, `/api/flows/${created.body.id}/publish`, {}, session)
  expect(`POST /api/flows/${created.body.id}/publish`, published, 200)
  return { key: key.body.secret as string, flowId: created.body.id as string }
}
