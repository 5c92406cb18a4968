import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'
import type { ApiKeyRow } from '../db/database.ts'
import { KairosError, notFound } from '../errors.ts'
import { KEY_SCOPES, type KeyScope } from './permissions.ts'
import { checkKeyOrigins } from './key-origins.ts'
import { randomToken, sha256 } from './secrets.ts'

/** A key as lists show it: never the key itself, nor its hash. */
export interface ApiKeyView {
  id: string
  name: string
  prefix: string
  scopes: string[]
  createdAt: string
  createdBy: string | null
  expiresAt: string | null
  lastUsedAt: string | null
  revokedAt: string | null
  /** Origins a browser may use the key from (public `track` keys only; empty for others). */
  allowedOrigins: string[]
}

/** Keys look like `kai_` + 43 base64url characters (32 random bytes). */
export const KEY_PREFIX = 'kai_'
/** Public (`track`) keys read `kai_pub_…`, so whoever finds one in a page's source sees it is the write-only kind. */
export const PUBLIC_KEY_PREFIX = 'kai_pub_'
/** How many leading characters of a key lists show, `kai_` included. */
const VISIBLE = 12

/**
 * How long a looked-up key is trusted from memory. Ingestion sends a key with every event;
 * without the cache each request would cost a query. A key revoked here is dropped at once;
 * a key revoked by another process stops working there within this time.
 */
const CACHE_MS = 10_000
/** `last_used_at` is written at most this often per key. */
const STAMP_EVERY_MS = 60_000

function toView(row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    expiresAt: row.expires_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    allowedOrigins: row.allowed_origins,
  }
}

interface Cached {
  row: ApiKeyRow | undefined
  until: number
}

/** API keys for integrations: created once, stored hashed, scoped, revocable. */
export class ApiKeyService {
  readonly #db: Db
  readonly #cache = new Map<string, Cached>()
  readonly #stamped = new Map<string, number>()
  readonly #onError: (error: unknown) => void
  #originsCache: { origins: Set<string>; until: number } | undefined

  constructor(db: Db, onError: (error: unknown) => void = () => {}) {
    this.#db = db
    this.#onError = onError
  }

  /** Creates a key; the secret is in this answer only. */
  async create(input: { name: string; scopes: string[]; allowedOrigins?: string[]; expiresAt?: string | null; createdBy: string | null }): Promise<{ key: ApiKeyView; secret: string }> {
    const unknown = input.scopes.filter((s) => !KEY_SCOPES.includes(s as KeyScope))
    if (unknown.length > 0 || input.scopes.length === 0)
      throw new KairosError('KAIROS_VALIDATION', `body.scopes must be a non-empty list of ${KEY_SCOPES.join(', ')}`, [
        { field: 'body.scopes', message: unknown.length > 0 ? `unknown scope "${unknown[0]}"` : 'must name at least one scope' },
      ])
    const isPublic = input.scopes.includes('track')
    // A public key is published in web pages: mixed with any other scope, every visitor would hold that scope too.
    if (isPublic && new Set(input.scopes).size > 1)
      throw new KairosError('KAIROS_VALIDATION', 'body.scopes: the track scope is a public key of its own and cannot be combined with other scopes', [
        { field: 'body.scopes', message: 'track cannot be combined with other scopes' },
      ])
    const allowedOrigins = checkKeyOrigins(input.allowedOrigins ?? [], isPublic)
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null
    if (expiresAt && expiresAt.getTime() <= Date.now())
      throw new KairosError('KAIROS_VALIDATION', 'body.expiresAt must be in the future', [{ field: 'body.expiresAt', message: 'must be in the future' }])
    const secret = (isPublic ? PUBLIC_KEY_PREFIX : KEY_PREFIX) + randomToken(32)
    const row = await this.#db
      .insertInto('api_keys')
      .values({
        name: input.name, prefix: secret.slice(0, isPublic ? PUBLIC_KEY_PREFIX.length + 4 : VISIBLE), key_hash: sha256(secret),
        scopes: [...new Set(input.scopes)], created_by: input.createdBy, expires_at: expiresAt, allowed_origins: allowedOrigins,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    if (isPublic) this.#originsCache = undefined
    return { key: toView(row), secret }
  }

  async list(): Promise<ApiKeyView[]> {
    const rows = await this.#db.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc').execute()
    return rows.map(toView)
  }

  /** Revokes a key (idempotent); returns it as it now stands. */
  async revoke(id: string): Promise<ApiKeyView> {
    const row = await this.#db
      .updateTable('api_keys')
      .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(new Date())) }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst()
    if (!row) throw notFound('API key', id)
    this.#cache.clear()
    this.#originsCache = undefined
    return toView(row)
  }

  /**
   * Whether any live public key lists `origin`. A CORS preflight carries no key, so it is
   * answered for the origins of all public keys; the request that follows is then checked
   * against its own key's origins. Cached like keys (a new key's origins work here at once,
   * another process's within CACHE_MS).
   */
  async isTrackOrigin(origin: string): Promise<boolean> {
    const now = Date.now()
    if (!this.#originsCache || this.#originsCache.until < now) {
      const { rows } = await sql<{ origin: string }>`select distinct unnest(allowed_origins) as origin from api_keys
          where 'track' = any(scopes) and revoked_at is null and (expires_at is null or expires_at > now())`.execute(this.#db)
      this.#originsCache = { origins: new Set(rows.map((r) => r.origin)), until: now + CACHE_MS }
    }
    return this.#originsCache.origins.has(origin)
  }

  /** The live key a bearer token names, or undefined (unknown, revoked or expired). */
  async authenticate(secret: string): Promise<ApiKeyRow | undefined> {
    if (!secret.startsWith(KEY_PREFIX)) return undefined
    const hash = sha256(secret)
    const now = Date.now()
    let cached = this.#cache.get(hash)
    if (!cached || cached.until < now) {
      const row = await this.#db.selectFrom('api_keys').selectAll().where('key_hash', '=', hash).executeTakeFirst()
      cached = { row, until: now + CACHE_MS }
      // Unknown tokens are cached too (a flood of bad keys costs no queries), within a bound.
      if (this.#cache.size > 10_000) this.#cache.clear()
      this.#cache.set(hash, cached)
    }
    const row = cached.row
    if (!row || row.revoked_at || (row.expires_at && row.expires_at.getTime() <= now)) return undefined
    this.#stamp(row.id, now)
    return row
  }

  /** Records use, at most once a minute per key, off the request's path. */
  #stamp(id: string, now: number): void {
    if ((this.#stamped.get(id) ?? 0) > now - STAMP_EVERY_MS) return
    this.#stamped.set(id, now)
    this.#db.updateTable('api_keys').set({ last_used_at: new Date(now) }).where('id', '=', id).execute().catch(this.#onError)
  }
}
