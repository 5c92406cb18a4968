import type { NodeRegistry } from '@kairos/engine'
import { validateAgainstSchema, type AnyChannelDefinition } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import type { ChannelRow } from '../db/database.ts'
import { KairosError, notFound, type ErrorDetail } from '../errors.ts'
import { urlPort, type OutboundGuard } from '../outbound/outbound-guard.ts'
import type { ChannelKindRegistry } from './channel-kind-registry.ts'
import { channelUsers, describeUser } from './channel-users.ts'
import { UnreadableSecrets, type SecretBox } from './secret-box.ts'

/** What the API shows of a channel: secrets masked, and which of them are set. */
export interface ChannelView {
  name: string
  kind: string
  /** What its kind carries; null when this process has not loaded the kind, so cannot tell. */
  carries: string | null
  config: Record<string, unknown>
  secretsSet: string[]
  ratePerSecond: number | null
  updatedAt: string
  /**
   * `kind-not-loaded`: no plugin of this process provides its kind (`kindNotLoaded` says so with
   * the plugin set); `unreadable`: its secrets cannot be opened with this server's key (see
   * `unreadable` for why). Either way it cannot send until that is fixed.
   */
  status: 'ok' | 'unreadable' | 'kind-not-loaded'
  unreadable?: string
  kindNotLoaded?: string
}

/**
 * A channel whose kind no loaded plugin provides: its package is missing from this
 * process (or from some processes, which `pluginSet` in `/ready` tells apart).
 */
export class ChannelKindNotLoaded extends Error {
  override name = 'ChannelKindNotLoaded'
  constructor(channel: string, kind: string, pluginSet: string) {
    super(`channel "${channel}"'s kind ${kind} is not loaded in this process; plugin set ${pluginSet}`)
  }
}

/** A channel with its secrets opened, for the provider that sends through it. Never leaves the server. */
export interface ResolvedChannel {
  name: string
  kind: AnyChannelDefinition
  settings: Record<string, unknown>
  /** Set when the secrets cannot be opened: why; `settings` then holds only the plain config. */
  unreadable?: string
}

/** What `sealStored` did at start. */
export interface SealSummary {
  /** Rows stored in plain text (or the older v1 form) now sealed under the current key. */
  sealed: number
  /** Rows still in plain text because there is no key. */
  plain: number
  /** Channels whose secrets this key cannot open. */
  unreadable: string[]
}

export const MASK = '••••••••'

/** Channel credentials: stored server-side, secrets sealed, referenced by name from node configs. */
export class ChannelService {
  readonly #db: Db
  readonly #box: SecretBox
  readonly #guard: OutboundGuard
  readonly #registry: NodeRegistry
  readonly #kinds: ChannelKindRegistry
  readonly #pluginSet: string

  /**
   * `registry`: the node types, to tell which config fields of a flow's nodes name a channel;
   * `kinds`: the channel kinds channels may be of; `pluginSet`: the loaded plugin set's hash,
   * named when a channel's kind is missing.
   */
  constructor(db: Db, box: SecretBox, guard: OutboundGuard, registry: NodeRegistry, kinds: ChannelKindRegistry, pluginSet = 'unknown') {
    this.#db = db
    this.#box = box
    this.#guard = guard
    this.#registry = registry
    this.#kinds = kinds
    this.#pluginSet = pluginSet
  }

  /** The channel kinds channels may be of (the loaded channel definitions). */
  get kinds(): ChannelKindRegistry {
    return this.#kinds
  }

  /**
   * Refuses (409, one detail per flow version, under `field`) when a live
   * journey sends through the channel: `what` is what would break it. Run in
   * the transaction that holds the channel's row `for update`; publishing
   * takes a key-share lock on the channels it names (flows/channel-problems.ts),
   * so a publish and this change cannot pass each other.
   */
  async #refuseIfUsed(trx: Db, name: string, what: string, field: string): Promise<void> {
    const users = await channelUsers(trx, this.#registry, name)
    if (users.length === 0) return
    const flows = [...new Map(users.map((u) => [u.flowId, `"${u.flowName}"`])).values()].join(', ')
    throw new KairosError(
      'KAIROS_CONFLICT',
      `channel "${name}" ${what}: journeys send through it: ${flows}; change their steps to another channel and publish (or let their runs end) first`,
      users.map((u) => ({ field, message: describeUser(u) })),
    )
  }

  /** The id of the key secrets are sealed with, for log lines; undefined without a key. */
  get keyId(): string | undefined {
    return this.#box.keyId
  }

  #open(sealed: string): { secrets: Record<string, unknown>; unreadable?: string } {
    try {
      return { secrets: this.#box.open(sealed) }
    } catch (error) {
      if (error instanceof UnreadableSecrets) return { secrets: {}, unreadable: error.message }
      throw error
    }
  }

  #view(row: ChannelRow): ChannelView {
    const kind = this.#kinds.get(row.kind)
    const { secrets, unreadable } = this.#open(row.secrets)
    const set = Object.keys(secrets).filter((k) => secrets[k] !== undefined && secrets[k] !== '')
    const notLoaded = kind ? undefined : new ChannelKindNotLoaded(row.name, row.kind, this.#pluginSet).message
    return {
      name: row.name,
      kind: row.kind,
      carries: kind?.carries ?? null,
      config: { ...row.config, ...Object.fromEntries(set.map((k) => [k, MASK])) },
      secretsSet: set,
      ratePerSecond: row.rate_per_second,
      updatedAt: row.updated_at.toISOString(),
      status: notLoaded ? 'kind-not-loaded' : unreadable === undefined ? 'ok' : 'unreadable',
      ...(unreadable === undefined ? {} : { unreadable }),
      ...(notLoaded ? { kindNotLoaded: notLoaded } : {}),
    }
  }

  /**
   * What stops a channel from being saved beyond its schema: a secret with
   * no key to seal it, and a destination the outbound guard refuses.
   */
  async #problems(kind: AnyChannelDefinition, merged: Record<string, unknown>): Promise<ErrorDetail[]> {
    const problems: ErrorDetail[] = []
    if (!this.#box.canSeal)
      for (const field of kind.secret.filter((f) => merged[f] !== undefined))
        problems.push({
          field: `body.config.${field}`,
          message: 'is a secret, and this server has no key to seal it with: set KAIROS_SECRET_KEY (Kairos never stores secrets in plain text)',
        })
    for (const destination of kind.destinations(merged)) {
      let refusal: string | null
      if ('url' in destination) {
        const url = URL.parse(destination.url)
        // A kind that builds its URL from several fields (a base URL and a path) may build a bad one.
        if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) refusal = 'not an http(s) URL'
        else refusal = await this.#guard.refusal(url.hostname, urlPort(url))
      } else refusal = await this.#guard.refusal(destination.host, destination.port)
      if (refusal) problems.push({ field: `body.config.${destination.field}`, message: `is refused: ${refusal}` })
    }
    return problems
  }

  /**
   * Creates or replaces a channel. A secret field left out, or sent back as the
   * mask, keeps the stored secret, so a form can save without re-typing it
   * (the mask of a secret that no longer opens is refused: it must be sent
   * again). Refused, by field: config its schema rejects, a secret when there
   * is no key to seal it, a destination the outbound guard refuses; and (409)
   * a change of kind while a live journey sends through the channel, whose
   * steps need the kind they were published with. New settings of the same
   * kind are fine.
   */
  async put(name: string, input: { kind: string; config: Record<string, unknown>; ratePerSecond?: number | null }): Promise<ChannelView> {
    const kind = this.#kinds.get(input.kind)
    if (!kind)
      throw new KairosError('KAIROS_VALIDATION', `body.kind must be one of ${this.#kinds.list().map((k) => k.kind).join(', ')}`, [
        { field: 'body.kind', message: `unknown channel kind "${input.kind}"` },
      ])
    const existing = await this.#db.selectFrom('channels').selectAll().where('name', '=', name).executeTakeFirst()
    const kept = existing && existing.kind === input.kind ? this.#open(existing.secrets) : { secrets: {} as Record<string, unknown> }
    const merged: Record<string, unknown> = { ...input.config }
    const unopened: ErrorDetail[] = []
    for (const field of kind.secret) {
      if (merged[field] === MASK && kept.unreadable)
        unopened.push({ field: `body.config.${field}`, message: `cannot be kept: the stored value does not open (${kept.unreadable}); send it again` })
      if (merged[field] === undefined || merged[field] === MASK) merged[field] = kept.secrets[field]
    }
    for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key]
    const invalid = [...unopened, ...validateAgainstSchema(kind.config, merged, 'body.config')]
    const problems = invalid.length > 0 ? invalid : await this.#problems(kind, merged)
    if (problems.length > 0) throw new KairosError('KAIROS_VALIDATION', `${problems[0].field} ${problems[0].message}`, problems)
    const secrets = Object.fromEntries(kind.secret.filter((f) => merged[f] !== undefined).map((f) => [f, merged[f]]))
    const config = Object.fromEntries(Object.entries(merged).filter(([k]) => !kind.secret.includes(k)))
    const row = await this.#db.transaction().execute(async (trx) => {
      const stored = await trx.selectFrom('channels').select('kind').where('name', '=', name).forUpdate().executeTakeFirst()
      if (stored && stored.kind !== kind.kind) await this.#refuseIfUsed(trx, name, `cannot change kind from ${stored.kind} to ${kind.kind}`, 'body.kind')
      return trx
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
    })
    return this.#view(row)
  }

  async list(): Promise<ChannelView[]> {
    return (await this.#db.selectFrom('channels').selectAll().orderBy('name').execute()).map((r) => this.#view(r))
  }

  async get(name: string): Promise<ChannelView> {
    const found = await this.find(name)
    if (!found) throw notFound('channel', name)
    return found
  }

  /** The channel, or undefined when there is none of that name. */
  async find(name: string): Promise<ChannelView | undefined> {
    const row = await this.#db.selectFrom('channels').selectAll().where('name', '=', name).executeTakeFirst()
    return row ? this.#view(row) : undefined
  }

  /** Deletes a channel no live journey sends through; one that one does is refused (409) with the flows named. */
  async remove(name: string): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const found = await trx.selectFrom('channels').select('name').where('name', '=', name).forUpdate().executeTakeFirst()
      if (!found) throw notFound('channel', name)
      await this.#refuseIfUsed(trx, name, 'cannot be deleted', 'name')
      await trx.deleteFrom('channels').where('name', '=', name).execute()
    })
  }

  /**
   * The channel with its secrets, read through `via` (a transaction when there is one);
   * undefined when there is none of that name. Throws `ChannelKindNotLoaded` for one whose
   * kind this process lacks, so whoever meant to send through it says what is true.
   */
  async resolve(name: string, via: Db = this.#db): Promise<ResolvedChannel | undefined> {
    const row = await via.selectFrom('channels').selectAll().where('name', '=', name).executeTakeFirst()
    if (!row) return undefined
    const kind = this.#kinds.get(row.kind)
    if (!kind) throw new ChannelKindNotLoaded(row.name, row.kind, this.#pluginSet)
    const { secrets, unreadable } = this.#open(row.secrets)
    return { name: row.name, kind, settings: { ...row.config, ...secrets }, ...(unreadable === undefined ? {} : { unreadable }) }
  }

  /**
   * Run at start: seals, under the current key, secrets stored in plain text
   * (by a version that allowed it) or in the older v1 form. Each row is
   * updated only if it still holds what was read, so processes starting
   * together do not undo each other.
   */
  async sealStored(): Promise<SealSummary> {
    const rows = await this.#db.selectFrom('channels').select(['name', 'secrets']).where('secrets', '<>', '').orderBy('name').execute()
    const summary: SealSummary = { sealed: 0, plain: 0, unreadable: [] }
    for (const row of rows) {
      if (this.#box.isCurrent(row.secrets)) continue
      const { secrets, unreadable } = this.#open(row.secrets)
      if (unreadable !== undefined) summary.unreadable.push(row.name)
      else if (!this.#box.needsSealing(row.secrets)) summary.plain++
      else {
        const { numUpdatedRows } = await this.#db
          .updateTable('channels')
          .set({ secrets: this.#box.seal(secrets) })
          .where('name', '=', row.name)
          .where('secrets', '=', row.secrets)
          .executeTakeFirst()
        if (numUpdatedRows > 0n) summary.sealed++
      }
    }
    return summary
  }
}
