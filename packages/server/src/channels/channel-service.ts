import { validateAgainstSchema } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import type { ChannelRow } from '../db/database.ts'
import { KairosError, notFound } from '../errors.ts'
import { CHANNEL_KINDS, type ChannelKind } from './channel-kinds.ts'
import type { SecretBox } from './secret-box.ts'

/** What the API shows of a channel: secrets masked, and which of them are set. */
export interface ChannelView {
  name: string
  kind: string
  carries: ChannelKind['carries']
  config: Record<string, unknown>
  secretsSet: string[]
  ratePerSecond: number | null
  updatedAt: string
}

/** A channel with its secrets opened, for the provider that sends through it. Never leaves the server. */
export interface ResolvedChannel {
  name: string
  kind: ChannelKind
  settings: Record<string, unknown>
}

export const MASK = '••••••••'

/** Channel credentials: stored server-side, secrets sealed, referenced by name from node configs. */
export class ChannelService {
  readonly #db: Db
  readonly #box: SecretBox

  constructor(db: Db, box: SecretBox) {
    this.#db = db
    this.#box = box
  }

  #view(row: ChannelRow): ChannelView {
    const kind = CHANNEL_KINDS[row.kind]
    const secrets = this.#box.open(row.secrets)
    const set = Object.keys(secrets).filter((k) => secrets[k] !== undefined && secrets[k] !== '')
    return {
      name: row.name,
      kind: row.kind,
      carries: kind?.carries ?? 'webhook',
      config: { ...row.config, ...Object.fromEntries(set.map((k) => [k, MASK])) },
      secretsSet: set,
      ratePerSecond: row.rate_per_second,
      updatedAt: row.updated_at.toISOString(),
    }
  }

  /**
   * Creates or replaces a channel. A secret field left out, or sent back as the
   * mask, keeps the stored secret, so a form can save without re-typing it.
   */
  async put(name: string, input: { kind: string; config: Record<string, unknown>; ratePerSecond?: number | null }): Promise<ChannelView> {
    const kind = CHANNEL_KINDS[input.kind]
    if (!kind)
      throw new KairosError('KAIROS_VALIDATION', `body.kind must be one of ${Object.keys(CHANNEL_KINDS).join(', ')}`, [
        { field: 'body.kind', message: `unknown channel kind "${input.kind}"` },
      ])
    const existing = await this.#db.selectFrom('channels').selectAll().where('name', '=', name).executeTakeFirst()
    const kept = existing && existing.kind === input.kind ? this.#box.open(existing.secrets) : {}
    const merged: Record<string, unknown> = { ...input.config }
    for (const field of kind.secret) if (merged[field] === undefined || merged[field] === MASK) merged[field] = kept[field]
    for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key]
    const problems = validateAgainstSchema(kind.config, merged, 'body.config')
    if (problems.length > 0) throw new KairosError('KAIROS_VALIDATION', `${problems[0].field} ${problems[0].message}`, problems)
    const secrets = Object.fromEntries(kind.secret.filter((f) => merged[f] !== undefined).map((f) => [f, merged[f]]))
    const config = Object.fromEntries(Object.entries(merged).filter(([k]) => !kind.secret.includes(k)))
    const row = await this.#db
      .insertInto('channels')
      .values({ name, kind: kind.kind, config: JSON.stringify(config), secrets: this.#box.seal(secrets), rate_per_second: input.ratePerSecond ?? null })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({
          kind: kind.kind, config: JSON.stringify(config), secrets: this.#box.seal(secrets),
          rate_per_second: input.ratePerSecond ?? null, updated_at: new Date(),
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow()
    return this.#view(row)
  }

  async list(): Promise<ChannelView[]> {
    return (await this.#db.selectFrom('channels').selectAll().orderBy('name').execute()).map((r) => this.#view(r))
  }

  async get(name: string): Promise<ChannelView> {
    const row = await this.#db.selectFrom('channels').selectAll().where('name', '=', name).executeTakeFirst()
    if (!row) throw notFound('channel', name)
    return this.#view(row)
  }

  async remove(name: string): Promise<void> {
    const { numDeletedRows } = await this.#db.deleteFrom('channels').where('name', '=', name).executeTakeFirst()
    if (numDeletedRows === 0n) throw notFound('channel', name)
  }

  /** The channel with its secrets, read through `via` (a transaction when there is one). */
  async resolve(name: string, via: Db = this.#db): Promise<ResolvedChannel | undefined> {
    const row = await via.selectFrom('channels').selectAll().where('name', '=', name).executeTakeFirst()
    const kind = row && CHANNEL_KINDS[row.kind]
    if (!row || !kind) return undefined
    return { name: row.name, kind, settings: { ...row.config, ...this.#box.open(row.secrets) } }
  }
}
