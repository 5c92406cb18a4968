import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { actorOf } from '../auth/audit-log.ts'
import { SESSION_COOKIE } from '../auth/access-plugin.ts'
import { checkPassword, toUserView } from '../auth/user-service.ts'
import { decoyPasswordHash, verifyPassword } from '../auth/secrets.ts'
import type { UserRow } from '../db/database.ts'
import { KairosError } from '../errors.ts'
import { LoginBody, MeReply, PasswordBody, SessionReply, SetupBody } from '../schemas/access.ts'
import { NoContent } from '../schemas/reply-fields.ts'

export interface AuthRouteOptions {
  /** Secure cookies: `auto` (when the request came over https), `always` or `never` (KAIROS_COOKIE_SECURE). */
  cookieSecure?: 'auto' | 'always' | 'never'
  /** Login attempts per account and address, and per address, in `windowMs` (defaults 10 and 50 in 5 minutes). */
  loginLimit?: { perAccount: number; perAddress: number; windowMs: number }
}

const badLogin = () => new KairosError('KAIROS_UNAUTHORIZED', 'the email or the password is wrong', [{ field: 'body.password', message: 'does not match' }])

/** Logging in and out, the first administrator, who am I, and changing one's password. */
export function authRoutes(options: AuthRouteOptions = {}): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { users, sessions, audit } = app.kairos
    const limit = options.loginLimit ?? { perAccount: 10, perAddress: 50, windowMs: 5 * 60_000 }
    // Two counters, per address and per (address, account): one guessing many passwords for
    // one account and one spraying one password over many accounts are both held back, while
    // colleagues behind one office address are not locked out by one another.
    const counters = [
      app.createRateLimit({ max: limit.perAddress, timeWindow: limit.windowMs, keyGenerator: (r) => `login:${r.ip}` }),
      app.createRateLimit({
        max: limit.perAccount,
        timeWindow: limit.windowMs,
        keyGenerator: (r) => `login:${r.ip}:${String((r.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
      }),
    ]
    const loginLimit = async (request: FastifyRequest, reply: FastifyReply) => {
      for (const count of counters) {
        const result = await count(request)
        if (!result.isAllowed && result.isExceeded) {
          reply.header('retry-after', String(result.ttlInSeconds))
          throw new KairosError('KAIROS_RATE_LIMITED', `too many login attempts: try again in ${result.ttlInSeconds} s`)
        }
      }
    }

    const secure = (request: FastifyRequest) =>
      options.cookieSecure === 'always' ? true : options.cookieSecure === 'never' ? false : request.protocol === 'https'

    async function startSession(request: FastifyRequest, reply: FastifyReply, user: UserRow) {
      const { token, csrfToken } = await sessions.create(user.id, { ip: request.ip, userAgent: request.headers['user-agent'] })
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: secure(request),
        path: '/',
        maxAge: Math.floor(sessions.lifetime.absoluteMs / 1000),
      })
      return { user: toUserView(user), csrfToken }
    }

    app.get(
      '/api/auth/status',
      { config: { permission: 'public' }, schema: { tags: ['auth'], response: { 200: Type.Object({ setupRequired: Type.Boolean() }) } } },
      async () => ({ setupRequired: (await users.count()) === 0 }),
    )

    app.post(
      '/api/auth/setup',
      { config: { permission: 'public' }, schema: { tags: ['auth'], body: SetupBody, response: { 201: SessionReply } } },
      async (request, reply) => {
        const created = await users.createFirstAdmin(request.body)
        if (!created) throw new KairosError('KAIROS_CONFLICT', 'Kairos already has users: log in instead (an administrator adds more users)')
        const row = (await users.findByEmail(created.email))!
        await audit.record({ type: 'user', id: row.id, label: row.email, ip: request.ip }, { action: 'user.setup', target: { type: 'user', id: row.id }, diff: { email: row.email, name: row.name, role: 'admin' } })
        return reply.status(201).send(await startSession(request, reply, row))
      },
    )

    app.post(
      '/api/auth/login',
      { config: { permission: 'public' }, preHandler: loginLimit, schema: { tags: ['auth'], body: LoginBody, response: { 200: SessionReply } } },
      async (request, reply) => {
        const { email, password } = request.body
        const user = await users.findByEmail(email)
        // Verify against a decoy when the email is unknown: the answer takes as long either way.
        const matches = await verifyPassword(password, user?.password_hash ?? (await decoyPasswordHash()))
        if (!user || !matches || user.disabled) {
          await audit.record(
            { type: 'anonymous', id: user?.id ?? null, label: email, ip: request.ip },
            { action: 'auth.login_failed', target: { type: 'user', id: user?.id ?? null }, diff: { reason: !user ? 'unknown email' : user.disabled ? 'user disabled' : 'wrong password' } },
          )
          throw user?.disabled && matches ? new KairosError('KAIROS_UNAUTHORIZED', 'this user is disabled: ask an administrator') : badLogin()
        }
        await users.markLogin(user.id)
        const session = await startSession(request, reply, user)
        await audit.record({ type: 'user', id: user.id, label: user.email, ip: request.ip }, { action: 'auth.login', target: { type: 'user', id: user.id } })
        return session
      },
    )

    app.post('/api/auth/logout', { config: { permission: 'public' }, schema: { tags: ['auth'], response: { 204: NoContent } } }, async (request, reply) => {
      const principal = (request.principal = await app.identify(request))
      if (principal?.kind === 'user') {
        await sessions.revoke(principal.sessionHash)
        await audit.record(actorOf(request), { action: 'auth.logout', target: { type: 'user', id: principal.userId } })
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return reply.status(204).send()
    })

    app.get('/api/auth/me', { config: { permission: 'authenticated' }, schema: { tags: ['auth'], response: { 200: MeReply } } }, async (request) => {
      const principal = request.principal!
      const permissions = [...principal.permissions].sort()
      if (principal.kind === 'key')
        return { user: null, key: { id: principal.keyId, name: principal.name, prefix: principal.prefix, scopes: principal.scopes }, via: 'key' as const, csrfToken: null, permissions }
      return { user: await users.get(principal.userId), key: null, via: 'session' as const, csrfToken: principal.csrfToken, permissions }
    })

    app.post(
      '/api/auth/password',
      {
        config: { permission: 'authenticated' },
        // Before the body is validated: a key learns nothing of this form's fields.
        preValidation: async (request) => {
          if (request.principal?.kind !== 'user') throw new KairosError('KAIROS_FORBIDDEN', 'an API key has no password; log in as a user')
        },
        preHandler: loginLimit,
        schema: { tags: ['auth'], body: PasswordBody, response: { 204: NoContent } },
      },
      async (request, reply) => {
        const principal = request.principal!
        if (principal.kind !== 'user') throw new KairosError('KAIROS_FORBIDDEN', 'an API key has no password; log in as a user')
        const row = (await users.findByEmail(principal.email))!
        if (!(await verifyPassword(request.body.currentPassword, row.password_hash)))
          throw new KairosError('KAIROS_VALIDATION', 'body.currentPassword is wrong', [{ field: 'body.currentPassword', message: 'does not match' }])
        checkPassword(request.body.newPassword, 'body.newPassword')
        await users.setPassword(row.id, request.body.newPassword)
        await sessions.revokeOthers(row.id, principal.sessionHash)
        await audit.record(actorOf(request), { action: 'user.password_change', target: { type: 'user', id: row.id }, diff: { password: 'changed' } })
        return reply.status(204).send()
      },
    )
  }
}
