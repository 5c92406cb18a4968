import type { Db } from '../db/connect.ts'
import type { UserRow } from '../db/database.ts'
import { randomToken, sha256 } from './secrets.ts'

/** How long sessions live; `idleMs` slides with use, `absoluteMs` does not. */
export interface SessionLifetime {
  /** A session unused this long ends (default 7 days). */
  idleMs: number
  /** A session ends this long after login however much it is used (default 30 days). */
  absoluteMs: number
}

export const DEFAULT_SESSION_LIFETIME: SessionLifetime = { idleMs: 7 * 86_400_000, absoluteMs: 30 * 86_400_000 }

/** Use within this long of the last stamp does not write again: one UPDATE a minute per session at most. */
const TOUCH_EVERY_MS = 60_000

export interface OpenSession {
  tokenHash: string
  csrfToken: string
  user: UserRow
}

/**
 * Login sessions in Postgres. The cookie carries a random token; the table keeps its
 * SHA-256, so neither a database dump nor a log line holds a usable cookie.
 */
export class SessionStore {
  readonly #db: Db
  readonly #lifetime: SessionLifetime

  constructor(db: Db, lifetime: SessionLifetime = DEFAULT_SESSION_LIFETIME) {
    this.#db = db
    this.#lifetime = lifetime
  }

  get lifetime(): SessionLifetime {
    return this.#lifetime
  }

  /** Starts a session; returns the cookie value (shown once) and its CSRF token. */
  async create(userId: string, meta: { ip?: string; userAgent?: string }): Promise<{ token: string; csrfToken: string }> {
    const token = randomToken(32)
    const csrfToken = randomToken(24)
    const now = Date.now()
    await this.#db
      .insertInto('sessions')
      .values({
        token_hash: sha256(token),
        user_id: userId,
        csrf_token: csrfToken,
        expires_at: new Date(now + this.#lifetime.idleMs),
        absolute_expires_at: new Date(now + this.#lifetime.absoluteMs),
        ip: meta.ip ?? null,
        user_agent: meta.userAgent?.slice(0, 300) ?? null,
      })
      .execute()
    return { token, csrfToken }
  }

  /** The live session of a cookie value with its (enabled) user, sliding its expiry; else undefined. */
  async find(token: string): Promise<OpenSession | undefined> {
    const tokenHash = sha256(token)
    const now = new Date()
    const row = await this.#db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .selectAll('u')
      .select(['s.csrf_token', 's.last_seen_at', 's.absolute_expires_at'])
      .where('s.token_hash', '=', tokenHash)
      .where('s.revoked_at', 'is', null)
      .where('s.expires_at', '>', now)
      .where('s.absolute_expires_at', '>', now)
      .where('u.disabled', '=', false)
      .executeTakeFirst()
    if (!row) return undefined
    if (now.getTime() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      const expires = Math.min(now.getTime() + this.#lifetime.idleMs, row.absolute_expires_at.getTime())
      await this.#db.updateTable('sessions').set({ last_seen_at: now, expires_at: new Date(expires) }).where('token_hash', '=', tokenHash).execute()
    }
    const { csrf_token: csrfToken, last_seen_at: _seen, absolute_expires_at: _abs, ...user } = row
    return { tokenHash, csrfToken, user: user as UserRow }
  }

  async revoke(tokenHash: string): Promise<void> {
    await this.#db.updateTable('sessions').set({ revoked_at: new Date() }).where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).execute()
  }

  /** Ends every session of a user but one (after a password change, the one that made it). */
  async revokeOthers(userId: string, keepHash: string | null): Promise<void> {
    let query = this.#db.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null)
    if (keepHash) query = query.where('token_hash', '!=', keepHash)
    await query.execute()
  }

  /** Deletes sessions that ended more than a day ago, so the table holds only recent ones. */
  async prune(): Promise<number> {
    const cutoff = new Date(Date.now() - 86_400_000)
    const result = await this.#db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<', cutoff), eb('absolute_expires_at', '<', cutoff), eb('revoked_at', '<', cutoff)]))
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }
}
