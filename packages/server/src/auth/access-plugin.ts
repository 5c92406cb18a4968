import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { KairosError } from '../errors.ts'
import type { UserRow } from '../db/database.ts'
import { grantsOf, isPermission, type Permission } from './permissions.ts'
import type { Principal } from './principal.ts'
import { sameSecret } from './secrets.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What a caller needs to reach this route; every route must say (see auth/permissions.ts). */
    permission?: Permission
  }
  interface FastifyRequest {
    /** The authenticated caller; undefined on public routes called anonymously. */
    principal?: Principal
  }
  interface FastifyInstance {
    /** Every route with the permission it declared, for tests and docs to walk. */
    accessTable: AccessRoute[]
    /**
     * Who is calling, for a public route that wants to know (logout): the key or session, or
     * undefined for none or an invalid one. Public routes are not authenticated by the hook.
     */
    identify(request: FastifyRequest): Promise<Principal | undefined>
  }
}

export interface AccessRoute {
  method: string
  url: string
  permission: Permission
  websocket: boolean
}

export interface AccessOptions {
  /** Origins besides the server's own that may open the live websocket with a session (KAIROS_ALLOWED_ORIGINS). */
  allowedOrigins?: string[]
}

/**
 * The key an Authorization header carries: `Bearer <key>`, or `Basic base64(<key>:)` as
 * Segment's libraries send their write key (the key as user name, no password).
 */
function keyOfAuthorization(header: string): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)
  if (bearer) return bearer[1]
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header)
  if (!basic) return undefined
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  return colon === -1 ? decoded : decoded.slice(0, colon)
}

/** The name of the session cookie. */
export const SESSION_COOKIE = 'kairos_session'

/**
 * Routes that third-party plugins register, with the permission Kairos gives them. Listed
 * here by prefix, so adding such a plugin without a line here stops the server like any
 * other undeclared route.
 */
const PLUGIN_ROUTES: Array<{ prefix: string; permission: Permission }> = [
  { prefix: '/docs', permission: 'read' }, // @fastify/swagger-ui: the API reference needs a login
]
/** @fastify/static's routes: the editor's files are public (the editor then asks to log in). */
const STATIC_ROUTES = new Set(['/', '/*'])

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function principalOfUser(user: UserRow, session: { tokenHash: string; csrfToken: string }): Principal {
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    salesRepId: user.sales_rep_id,
    permissions: grantsOf({ role: user.role }),
    csrfToken: session.csrfToken,
    sessionHash: session.tokenHash,
  }
}

/**
 * Who may call what, for every route: each route declares `config.permission` (a route
 * without one makes `ready()` fail, so none can be forgotten), and one onRequest hook
 * authenticates the caller (API key by `Authorization: Bearer`, else session cookie),
 * checks the permission, and for writes by cookie checks the CSRF token. It runs before
 * the body is parsed: an anonymous caller costs no parsing and learns nothing from
 * validation errors.
 */
export const accessPlugin = fp<AccessOptions>(
  async (app: FastifyInstance, options: AccessOptions) => {
    const table: AccessRoute[] = []
    app.decorate('accessTable', table)
    const { users, sessions, apiKeys } = app.kairos
    const allowedOrigins = new Set(options.allowedOrigins ?? [])
    let setupDone = false

    app.addHook('onRoute', (route) => {
      const config = (route.config ?? {}) as { permission?: unknown }
      if (config.permission === undefined) {
        const plugin = PLUGIN_ROUTES.find((p) => route.url === p.prefix || route.url.startsWith(`${p.prefix}/`))
        if (plugin) config.permission = plugin.permission
        else if (STATIC_ROUTES.has(route.url)) config.permission = 'public'
        route.config = config as typeof route.config
      }
      if (!isPermission(config.permission))
        throw new Error(`route ${String(route.method)} ${route.url} declares no permission (config.permission): every route must, see auth/permissions.ts`)
      // The OpenAPI document marks public routes as needing nothing (the default asks for a key or a session).
      if (config.permission === 'public' && route.schema) route.schema = { ...route.schema, security: [] } as typeof route.schema
      for (const method of [route.method].flat())
        table.push({ method: String(method), url: route.url, permission: config.permission, websocket: Boolean((route as { websocket?: boolean }).websocket || (route as { wsHandler?: unknown }).wsHandler) })
    })

    async function keyPrincipal(secret: string | undefined): Promise<Principal> {
      const key = secret === undefined ? undefined : await apiKeys.authenticate(secret)
      if (!key) throw new KairosError('KAIROS_UNAUTHORIZED', 'the API key is not valid (unknown, revoked or expired); send Authorization: Bearer kai_…')
      return { kind: 'key', keyId: key.id, name: key.name, prefix: key.prefix, scopes: key.scopes, permissions: grantsOf({ scopes: key.scopes }), origins: key.allowed_origins }
    }

    async function authenticate(request: FastifyRequest): Promise<Principal | undefined> {
      const header = request.headers.authorization
      if (header !== undefined) return keyPrincipal(keyOfAuthorization(header))
      const token = request.cookies[SESSION_COOKIE]
      if (!token) return undefined
      const session = await sessions.find(token)
      return session ? principalOfUser(session.user, session) : undefined
    }

    /** A hint for a caller with no credentials: on a new install, the first step is setup. */
    async function unauthorized(): Promise<KairosError> {
      if (!setupDone) setupDone = (await users.count()) > 0
      return new KairosError(
        'KAIROS_UNAUTHORIZED',
        setupDone
          ? 'log in (POST /api/auth/login) or send an API key (Authorization: Bearer kai_…)'
          : 'Kairos has no administrator yet: create the first one in the editor or with POST /api/auth/setup',
      )
    }

    /** Same-origin, or listed: a page on another site must not ride a person's cookie into the websocket. */
    function originAllowed(request: FastifyRequest): boolean {
      const origin = request.headers.origin
      if (!origin) return true // not a browser: CSRF needs a browser
      if (allowedOrigins.has(origin)) return true
      // Compared by host: behind a TLS-terminating proxy the scheme Kairos sees is not the page's.
      try {
        return new URL(origin).host === request.headers.host
      } catch {
        return false
      }
    }

    app.decorate('identify', async (request: FastifyRequest) => {
      try {
        return await authenticate(request)
      } catch (error) {
        // An invalid key is "nobody" here; anything else (the database) is a real failure.
        if (error instanceof KairosError && error.code === 'KAIROS_UNAUTHORIZED') return undefined
        throw error
      }
    })

    app.addHook('onRequest', async (request) => {
      const permission = request.routeOptions.config?.permission
      // No route matched: the not-found handler answers, and says nothing that needs protecting.
      // Public routes (health probes, the editor's files, which a browser sends the cookie with)
      // cost no session lookup; the one that wants the caller asks `app.identify`.
      if (permission === undefined || permission === 'public') return
      // The tracking API also takes its key in the body (`writeKey`, as a browser's sendBeacon
      // cannot set a header): with no Authorization header it is checked once the body is parsed.
      if (permission === 'track:write' && request.headers.authorization === undefined) return
      await admit(request, permission, await authenticate(request))
    })

    app.addHook('preValidation', async (request) => {
      if (request.principal || request.routeOptions.config?.permission !== 'track:write') return
      const body = request.body as { writeKey?: unknown } | undefined
      const writeKey = typeof body === 'object' && body !== null && typeof body.writeKey === 'string' ? body.writeKey : undefined
      // Without a key anywhere, a session is who calls (a viewer is refused like on any write).
      const principal = writeKey === undefined ? await authenticate(request) : await keyPrincipal(writeKey)
      if (!principal) throw new KairosError('KAIROS_UNAUTHORIZED', 'send the public key as Authorization: Basic (the key as user name) or as body.writeKey')
      await admit(request, 'track:write', principal)
    })

    async function admit(request: FastifyRequest, permission: Permission, principal: Principal | undefined): Promise<void> {
      if (!principal) throw await unauthorized()
      request.principal = principal
      if (!principal.permissions.has(permission))
        throw new KairosError(
          'KAIROS_FORBIDDEN',
          principal.kind === 'user'
            ? `your role (${principal.role}) may not do this: it needs the "${permission}" permission`
            : `this API key's scopes (${principal.scopes.join(', ')}) do not allow this: it needs the "${permission}" permission`,
        )
      if (principal.kind !== 'user') return
      const websocket = request.headers.upgrade?.toLowerCase() === 'websocket'
      if (websocket && !originAllowed(request))
        throw new KairosError('KAIROS_FORBIDDEN', `the origin ${request.headers.origin} may not open the live websocket (KAIROS_ALLOWED_ORIGINS)`)
      if (!SAFE_METHODS.has(request.method)) {
        const sent = request.headers['x-csrf-token']
        if (typeof sent !== 'string' || !sameSecret(sent, principal.csrfToken))
          throw new KairosError('KAIROS_CSRF', 'a change made with a session cookie must send the x-csrf-token header (csrfToken from login or /api/auth/me)')
      }
    }
  },
  { name: 'kairos-access', dependencies: ['@fastify/cookie'] },
)
