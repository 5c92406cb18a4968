import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'
import type { UserRow } from '../db/database.ts'
import { KairosError, notFound } from '../errors.ts'
import { ROLES, type Role } from './permissions.ts'
import { hashPassword } from './secrets.ts'

/** A user as the API shows one; never the password hash. */
export interface UserView {
  id: string
  email: string
  name: string
  role: Role
  disabled: boolean
  salesRepId: string | null
  createdAt: string
  lastLoginAt: string | null
}

export interface NewUser {
  email: string
  name: string
  role: Role
  password: string
  salesRepId?: string | null
}

export interface UserChanges {
  name?: string
  role?: Role
  disabled?: boolean
  password?: string
  salesRepId?: string | null
}

/** Passwords need length more than character classes (NIST SP 800-63B). */
export const MIN_PASSWORD_LENGTH = 10

export function checkPassword(password: string, field: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    throw new KairosError('KAIROS_VALIDATION', `${field} must be at least ${MIN_PASSWORD_LENGTH} characters`, [
      { field, message: `must be at least ${MIN_PASSWORD_LENGTH} characters` },
    ])
}

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled,
    salesRepId: row.sales_rep_id,
    createdAt: row.created_at.toISOString(),
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
  }
}

const emailTaken = (email: string) =>
  new KairosError('KAIROS_CONFLICT', `body.email: a user with the email "${email}" already exists`, [{ field: 'body.email', message: 'is already taken' }])

/** Users who log in to the editor and the API. */
export class UserService {
  readonly #db: Db

  constructor(db: Db) {
    this.#db = db
  }

  async count(): Promise<number> {
    const row = await this.#db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    return Number(row.n)
  }

  async list(): Promise<UserView[]> {
    const rows = await this.#db.selectFrom('users').selectAll().orderBy('created_at').execute()
    return rows.map(toUserView)
  }

  async get(id: string): Promise<UserView> {
    return toUserView(await this.#row(id))
  }

  async #row(id: string): Promise<UserRow> {
    const row = await this.#db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) throw notFound('user', id)
    return row
  }

  /** The row for a login, matched without regard to case. */
  async findByEmail(email: string): Promise<UserRow | undefined> {
    return this.#db.selectFrom('users').selectAll().where(sql`lower(email)`, '=', email.toLowerCase()).executeTakeFirst()
  }

  async create(input: NewUser): Promise<UserView> {
    checkPassword(input.password, 'body.password')
    await this.#checkRep(input.salesRepId ?? null)
    const passwordHash = await hashPassword(input.password)
    try {
      const row = await this.#db
        .insertInto('users')
        .values({ email: input.email, name: input.name, role: input.role, password_hash: passwordHash, sales_rep_id: input.salesRepId ?? null })
        .returningAll()
        .executeTakeFirstOrThrow()
      return toUserView(row)
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw emailTaken(input.email)
      throw error
    }
  }

  /**
   * Creates the first administrator, only while there is no user at all. An advisory lock
   * makes two simultaneous first-run forms produce one admin and one 409, not two admins.
   */
  async createFirstAdmin(input: Omit<NewUser, 'role' | 'salesRepId'>): Promise<UserView | null> {
    checkPassword(input.password, 'body.password')
    const passwordHash = await hashPassword(input.password)
    return this.#db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(hashtext('kairos.first-admin'))`.execute(tx)
      const existing = await tx.selectFrom('users').select('id').limit(1).executeTakeFirst()
      if (existing) return null
      const row = await tx
        .insertInto('users')
        .values({ email: input.email, name: input.name, role: 'admin', password_hash: passwordHash })
        .returningAll()
        .executeTakeFirstOrThrow()
      return toUserView(row)
    })
  }

  /**
   * Changes a user. Disabling, a new role or a new password revokes their sessions: whoever
   * held them must log in again under the new terms. The last enabled admin cannot be
   * demoted or disabled, so a workspace never locks itself out.
   */
  async update(id: string, changes: UserChanges): Promise<{ before: UserView; after: UserView }> {
    if (changes.password !== undefined) checkPassword(changes.password, 'body.password')
    if (changes.role !== undefined && !ROLES.includes(changes.role))
      throw new KairosError('KAIROS_VALIDATION', `body.role must be one of ${ROLES.join(', ')}`, [{ field: 'body.role', message: 'is not a role' }])
    if (changes.salesRepId) await this.#checkRep(changes.salesRepId)
    const passwordHash = changes.password !== undefined ? await hashPassword(changes.password) : undefined
    return this.#db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(hashtext('kairos.admins'))`.execute(tx)
      const before = await tx.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
      if (!before) throw notFound('user', id)
      const losesAdmin = before.role === 'admin' && !before.disabled && ((changes.role && changes.role !== 'admin') || changes.disabled === true)
      if (losesAdmin) {
        const others = await tx
          .selectFrom('users')
          .select('id')
          .where('role', '=', 'admin')
          .where('disabled', '=', false)
          .where('id', '!=', id)
          .limit(1)
          .executeTakeFirst()
        if (!others)
          throw new KairosError('KAIROS_CONFLICT', 'this is the last enabled administrator: make another user admin first', [
            { field: changes.role ? 'body.role' : 'body.disabled', message: 'would leave no administrator' },
          ])
      }
      const after = await tx
        .updateTable('users')
        .set({
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          ...(changes.role !== undefined ? { role: changes.role } : {}),
          ...(changes.disabled !== undefined ? { disabled: changes.disabled } : {}),
          ...(changes.salesRepId !== undefined ? { sales_rep_id: changes.salesRepId } : {}),
          ...(passwordHash ? { password_hash: passwordHash } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow()
      const revoke = changes.disabled === true || passwordHash !== undefined || (changes.role !== undefined && changes.role !== before.role)
      if (revoke) await tx.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', id).where('revoked_at', 'is', null).execute()
      return { before: toUserView(before), after: toUserView(after) }
    })
  }

  async setPassword(id: string, password: string): Promise<void> {
    await this.#db.updateTable('users').set({ password_hash: await hashPassword(password), updated_at: new Date() }).where('id', '=', id).execute()
  }

  async markLogin(id: string): Promise<void> {
    await this.#db.updateTable('users').set({ last_login_at: new Date() }).where('id', '=', id).execute()
  }

  async #checkRep(repId: string | null): Promise<void> {
    if (!repId) return
    const rep = await this.#db.selectFrom('sales_reps').select('id').where('id', '=', repId).executeTakeFirst()
    if (!rep) throw new KairosError('KAIROS_VALIDATION', `body.salesRepId: no sales rep "${repId}"`, [{ field: 'body.salesRepId', message: 'is not a sales rep' }])
  }
}
