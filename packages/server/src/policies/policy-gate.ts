import { sql } from 'kysely'
import { FlowSettings } from '@kairos/engine'
import { isTimeZone, validateAgainstSchema, type ContactSnapshot } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import { attributeOptOut, consentEventNames, eventOptOut } from './consent.ts'
import { decidePolicy, type GateDecision } from './decide.ts'
import { activeCaps, brokenCap, type ActiveCap, type SentMessage } from './frequency-caps.ts'
import type { Policies } from './policy-document.ts'
import { readPolicies } from './policy-service.ts'
import { latestEvents } from './recheck-consent.ts'
import { activeCoolingRules, coolingMembership, coolingMembershipOf, type ActiveCoolingRule } from './cooling-audience.ts'
import type { WorkdayCalendar } from '@kairos/sdk'
import { readCalendar } from '../calendars/read-calendar.ts'
import type { ActiveHolidays } from './holiday-days.ts'
import { CONTROL_GROUP_RULE, inControlGroup } from './control-group.ts'
import type { PolicyRule } from './policy-rule.ts'

/** The message being decided. */
export interface GateMessage {
  channel: string
  category: 'marketing' | 'transactional'
}

/** Who it is for and where it comes from. */
export interface GateSubject {
  contact: ContactSnapshot
  flowId: string
  flowVersion: number
  now: Date
  /**
   * Marketing messages to this contact recorded earlier in the same
   * transaction and not yet written: they count towards caps like the rows.
   */
  pending: readonly SentMessage[]
}

/**
 * Decides messages for one transaction of run transitions, reading what it
 * needs through that transaction (workspace policies and flow settings once
 * each). Caps count the contact's deliveries across all flows, which is
 * right only because the caller holds the contact's row lock (FOR NO KEY
 * UPDATE, taken first by every transaction that records deliveries): a second
 * batch for the same contact waits for this one to commit, and its count then
 * sees these deliveries. Deliveries of this transaction are passed as `pending`.
 */
export class PolicyGate {
  readonly #db: Db
  #workspace: Promise<{ policies: Policies; caps: ActiveCap[]; cooling: ActiveCoolingRule[] }> | undefined
  /** Which cooling rules' audiences the batch's contacts are in, read once (see `#coolingCaps`). */
  readonly #coolingMembers = new Map<'events' | 'all', Promise<Map<string, number[]>>>()
  readonly #flows = new Map<string, Promise<FlowSettings>>()
  /** Holiday calendars by name, read once per batch (policies and wait.until's services share them). */
  readonly #calendars = new Map<string, Promise<WorkdayCalendar | null>>()
  readonly #contactIds: readonly string[] | undefined
  readonly #inBatch: ReadonlySet<string>
  /** The batch's contacts' marketing messages since `since`, read once (see `#history`). */
  #histories: { since: number; byContact: Promise<Map<string, SentMessage[]>> } | undefined

  /**
   * `contactIds`: the contacts of the batch (all locked by the caller), whose
   * histories are then read together at the first message that needs one.
   */
  constructor(db: Db, contactIds?: readonly string[]) {
    this.#db = db
    this.#contactIds = contactIds
    this.#inBatch = new Set(contactIds)
  }

  async decide(message: GateMessage, subject: GateSubject): Promise<GateDecision> {
    const { contact, now } = subject
    const own = contact.attributes.timezone
    const ownZone = isTimeZone(own) ? own : null
    const workspace = await this.#workspacePolicies()
    const consent = workspace.policies.consent
    let optedOut = attributeOptOut(contact.attributes, consent, message.channel)
    const names = consentEventNames(consent, message.channel)
    if (!optedOut && names.length > 0) optedOut = eventOptOut(consent, message.channel, await latestEvents(this.#db, contact.id, names))
    if (optedOut || message.category === 'transactional')
      return { ...decidePolicy({ ...message, now, optedOut, caps: [], quietHours: null, timeZone: 'UTC', onCap: 'suppress', history: [] }), timeZone: ownZone }
    // The global control group gets no marketing message, on any channel; it still enters journeys (docs/experiments.md).
    if (inControlGroup(workspace.policies.controlGroup, contact.externalId)) return { send: false, rule: CONTROL_GROUP_RULE, reason: { kind: 'control_group', params: {} }, timeZone: ownZone }

    const flow = await this.#flowSettings(subject.flowId, subject.flowVersion)
    const caps = [...workspace.caps, ...activeCaps(flow.caps ?? [], 'flow', 'settings.caps'), ...(await this.#coolingCaps(contact.id, now, contact))].filter(
      (cap) => cap.channel === undefined || cap.channel === message.channel,
    )
    let history: SentMessage[] = []
    if (caps.length > 0) {
      const since = new Date(now.getTime() - Math.max(...caps.map((cap) => cap.perMs)))
      history = [...(await this.#history(contact.id, since)), ...subject.pending]
    }
    const timeZone = ownZone ?? flow.timezone
    const decision = decidePolicy({
      ...message,
      now,
      optedOut: null,
      caps,
      // A flow's quiet hours replace the workspace's; null there means none for that flow.
      quietHours: flow.quietHours !== undefined ? flow.quietHours : workspace.policies.quietHours,
      timeZone,
      onCap: flow.onCap ?? workspace.policies.onCap,
      history,
      holidays: await this.#holidays(workspace.policies),
    })
    return { ...decision, timeZone }
  }

  /**
   * A holiday calendar for this batch: the one named, else the one the
   * workspace's policies name (`holidays.calendar`); null when there is none.
   * Each is read once and shared by the batch's steps (wait.until reads it
   * through `services.calendar`, so its run() does no I/O of its own).
   */
  async calendar(name?: string): Promise<WorkdayCalendar | null> {
    const wanted = name ?? (await this.#workspacePolicies()).policies.holidays?.calendar
    if (!wanted) return null
    let found = this.#calendars.get(wanted)
    if (!found) this.#calendars.set(wanted, (found = readCalendar(this.#db, wanted)))
    return found
  }

  async #holidays(policies: Policies): Promise<ActiveHolidays | null> {
    if (!policies.holidays) return null
    const calendar = await this.calendar(policies.holidays.calendar)
    return calendar ? { calendar, avoid: policies.holidays.avoid ?? 'holidays' } : null
  }

  /**
   * The cap a message a policy deferred, now due at `at`, breaks, or null. Counted again without
   * the message itself: every later decision already counted it, so only a cap tightened (or
   * added) while it waited stops it. It is not deferred a second time: a message keeps its time.
   */
  async capBrokenWhenDue(
    message: GateMessage & { id: string },
    subject: { contactId: string; flowId: string | null; flowVersion: number | null; at: Date },
  ): Promise<{ rule: string; reason: PolicyRule } | null> {
    if (message.category === 'transactional') return null
    const workspace = await this.#workspacePolicies()
    // A contact who joined the control group while the message waited (the percentage raised) does not get it.
    if (workspace.policies.controlGroup?.percent && inControlGroup(workspace.policies.controlGroup, await externalIdOf(this.#db, subject.contactId)))
      return { rule: CONTROL_GROUP_RULE, reason: { kind: 'control_group', params: {} } }
    const flow = subject.flowId && subject.flowVersion !== null ? await this.#flowSettings(subject.flowId, subject.flowVersion) : {}
    const caps = [
      ...workspace.caps,
      ...activeCaps((flow as FlowSettings).caps ?? [], 'flow', 'settings.caps'),
      ...(await this.#coolingCaps(subject.contactId, subject.at)),
    ].filter((cap) => cap.channel === undefined || cap.channel === message.channel)
    if (caps.length === 0) return null
    const since = new Date(subject.at.getTime() - Math.max(...caps.map((cap) => cap.perMs)))
    const history = (await this.#read([subject.contactId], since, message.id)).get(subject.contactId) ?? []
    const broken = brokenCap(caps, message.channel, history, subject.at.getTime())
    return broken ? { rule: broken.rule, reason: broken.reason } : null
  }

  #workspacePolicies() {
    this.#workspace ??= readPolicies(this.#db).then(async ({ policies }) => ({
      policies,
      caps: activeCaps(policies.caps, 'workspace', 'policies.caps'),
      cooling: await activeCoolingRules(this.#db, policies.cooling),
    }))
    return this.#workspace
  }

  /**
   * The caps of the cooling rules whose audience holds the contact at `now`.
   * Rules on tags and attributes alone are answered from `contact`, the
   * snapshot the step sees, with no query. The rest (event rules, and all of
   * them without a snapshot: a message come due) are evaluated in Postgres:
   * with the batch's contacts known, the first question evaluates them for
   * all of them in one query (not one per contact and rule), and later ones
   * are answered from it; the batch holds their locks, so only its own runs
   * change them meanwhile. A contact outside the batch is asked alone.
   */
  async #coolingCaps(contactId: string, now: Date, contact?: ContactSnapshot): Promise<ActiveCap[]> {
    const { cooling } = await this.#workspacePolicies()
    if (cooling.length === 0) return []
    const fromSnapshot = contact ? await coolingMembershipOf(cooling, contact, now) : []
    const inSql = contact ? cooling.some((rule) => rule.readsEvents) : true
    let members = new Map<string, number[]>()
    if (inSql) {
      const mode = contact ? 'events' : 'all'
      if (this.#contactIds && this.#inBatch.has(contactId)) {
        let read = this.#coolingMembers.get(mode)
        if (!read) this.#coolingMembers.set(mode, (read = coolingMembership(this.#db, cooling, this.#contactIds, now, mode === 'events')))
        members = await read
      } else members = await coolingMembership(this.#db, cooling, [contactId], now, contact !== undefined)
    }
    return [...fromSnapshot, ...(members.get(contactId) ?? [])].flatMap((index) => cooling[index].caps)
  }

  #flowSettings(flowId: string, version: number): Promise<FlowSettings> {
    const key = `${flowId}@${version}`
    let found = this.#flows.get(key)
    if (!found) {
      found = this.#db
        .selectFrom('flow_versions')
        .select(sql<unknown>`graph->'settings'`.as('settings'))
        .where('flow_id', '=', flowId)
        .where('version', '=', version)
        .executeTakeFirst()
        .then((row) => {
          // Published settings passed this schema; it also fills in defaults (timezone UTC).
          const settings = (row?.settings ?? {}) as FlowSettings
          const problems = validateAgainstSchema(FlowSettings, settings, 'settings')
          if (problems.length > 0) throw new Error(`flow ${flowId} version ${version}: ${problems[0].field} ${problems[0].message}`)
          return settings
        })
      this.#flows.set(key, found)
    }
    return found
  }

  /**
   * The contact's marketing deliveries that went or will go out after `since`; failed and
   * suppressed ones reached no one. With the batch's contacts known, the first question reads
   * every one of theirs in one query (a batch of 1,000 runs each sending an SMS asked 1,000
   * times), and later ones are answered from it: sound because the batch holds their locks, which
   * every writer of their deliveries takes first, and its own are passed as `pending`. A longer
   * window than the one read (another flow's cap) reads again.
   */
  async #history(contactId: string, since: Date): Promise<SentMessage[]> {
    if (!this.#contactIds || !this.#inBatch.has(contactId)) return (await this.#read([contactId], since)).get(contactId) ?? []
    if (!this.#histories || this.#histories.since > since.getTime())
      this.#histories = { since: since.getTime(), byContact: this.#read(this.#contactIds, since) }
    const all = (await this.#histories.byContact).get(contactId) ?? []
    return all.filter((m) => m.at > since.getTime())
  }

  /** `except`: a delivery not to count (the one being checked again). */
  async #read(contactIds: readonly string[], since: Date, except?: string): Promise<Map<string, SentMessage[]>> {
    const { rows } = await sql<{ contact_id: string; channel: string; at: Date }>`select contact_id, channel, coalesce(send_at, created_at) as at
      from deliveries where contact_id = any(${contactIds}::bigint[]) and category = 'marketing' and status not in ('failed', 'suppressed')
        and coalesce(send_at, created_at) > ${since}${except ? sql` and id <> ${except}::uuid` : sql``}`.execute(this.#db)
    const byContact = new Map<string, SentMessage[]>()
    for (const row of rows) {
      let list = byContact.get(row.contact_id)
      if (!list) byContact.set(row.contact_id, (list = []))
      list.push({ channel: row.channel, at: row.at.getTime() })
    }
    return byContact
  }

}

/** A contact's external id, which control-group membership hashes (control-group.ts). */
async function externalIdOf(db: Db, contactId: string): Promise<string> {
  const row = await db.selectFrom('contacts').select('external_id').where('id', '=', contactId).executeTakeFirst()
  return row?.external_id ?? ''
}
