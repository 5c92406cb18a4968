import type { Static, TSchema } from 'typebox'
import type { ContactSnapshot, EventSnapshot } from './contact.ts'
import type { Where } from './conditions/where.ts'
import type { Condition } from './conditions/types.ts'
import type { Problem } from './problem.ts'
import type { NodeResult } from './results.ts'
import { checkNodeTranslations, type NodeTranslations } from './node-i18n.ts'
import type { EffectFunction, NodeServices } from './services.ts'

export { guardServices, RUN_TIME_LIMIT_MS, RunTimeLimitError, StepGate, stepOver, withinTimeLimit } from './run-limit.ts'

/** Where a node sits in the palette. `wait` nodes may pause a run; triggers start one. */
export type NodeCategory = 'trigger' | 'wait' | 'logic' | 'action' | 'exit'

/** What the run a node executes in looks like from inside. */
export interface RunInfo {
  id: string
  flowId: string
  flowVersion: number
  nodeId: string
  /** When the run entered the flow, for `since: "entry"`. */
  enteredAt: Date
  /** The flow's timezone setting (IANA name). */
  timezone: string
}

/** Everything `run` receives. `config` is already validated against the node's schema. */
export interface NodeContext<Config> {
  config: Config
  contact: ContactSnapshot
  /** The event that started the run, if an event did. */
  event?: EventSnapshot
  run: RunInfo
  now: Date
  services: NodeServices
}

/** What starts a run at a trigger node: these event names, filtered by `where`. */
export interface EventTriggerSpec<Config> {
  kind: 'event'
  events(config: Config): string[]
  where?(config: Config): Where | undefined
}

/** Who a scheduled trigger enters at each tick: a saved segment's members, contacts matching a condition, or everyone. */
export interface Audience {
  segment?: string
  condition?: Condition
  everyone?: boolean
}

/** A tick schedule: five-field cron read in `timezone` (the flow's when absent). */
export interface ScheduleTrigger {
  cron: string
  timezone?: string
  /** A tick found more than a few minutes late (Kairos was down): run it once, late, or skip it. */
  missed: 'run' | 'skip'
  audience: Audience
}

/** Enters an audience at every tick of a schedule. */
export interface ScheduleTriggerSpec<Config> {
  kind: 'schedule'
  schedule(config: Config): ScheduleTrigger
}

/** A moment derived from a date attribute: the date moved by whole days, at a time of day, in the contact's zone. */
export interface DateTrigger {
  attribute: string
  offsetDays: number
  at: string
  /** Every year on the date's month and day (birthdays), or once for the date itself (`subscription_end`). */
  repeat: 'yearly' | 'once'
  /** Used when the contact has no valid `timezone` attribute; the flow's when absent. */
  timezone?: string
  /** Only contacts matching this when the moment comes. */
  condition?: Condition
}

/** Enters each contact when the moment derived from its date attribute comes. */
export interface DateTriggerSpec<Config> {
  kind: 'date'
  date(config: Config): DateTrigger
}

/** An attribute write that changes a value, optionally from and to given values (absent: any). */
export interface ChangeTrigger {
  attribute: string
  from?: unknown
  to?: unknown
}

/** Enters a contact when a write (contacts API or a node) changes an attribute. */
export interface ChangeTriggerSpec<Config> {
  kind: 'change'
  change(config: Config): ChangeTrigger
}

export type TriggerSpec<Config> = EventTriggerSpec<Config> | ScheduleTriggerSpec<Config> | DateTriggerSpec<Config> | ChangeTriggerSpec<Config>

/**
 * A node type. A package default-exports one (or an array of them) built
 * with `defineNode`; the server loads it at runtime.
 */
export interface NodeDefinition<S extends TSchema = TSchema> {
  type: string
  version: number
  title: string
  category: NodeCategory
  description?: string
  /** JSON Schema (TypeBox) for the config: the server validates with it, the editor draws its form. */
  config: S
  /** Output ports, fixed or computed from the config (branch, split). */
  ports: readonly string[] | ((config: Static<S>) => string[])
  /** Present on trigger nodes: what enters contacts here. */
  trigger?: TriggerSpec<Static<S>>
  /** Checks beyond the schema (templates parse, conditions are well formed), run at publish. */
  validate?(config: Static<S>): Problem[]
  /**
   * The step. It runs inside the batch's transaction, holding its contacts' locks, so it does no
   * I/O of its own (anything outside goes through `services.effects`), and it must finish within
   * the run() time limit (KAIROS_NODE_RUN_TIMEOUT_MS, default 5 s) or its run fails.
   */
  run(ctx: NodeContext<Static<S>>): Promise<NodeResult> | NodeResult
  /**
   * Named effects: work outside the transaction that `run()` asks for with
   * `services.effects.run(name, input)`, run by a job after the step commits,
   * retried with backoff. Names are letters, digits, `-` and `_` (not `http`).
   */
  effects?: Record<string, EffectFunction>
  /**
   * The node in other languages, keyed by language tag: `{ 'zh-CN': { title, description,
   * fields: { event: { title, description } }, ports: { next: '下一步' } } }`. The editor shows
   * the person's language and falls back to the English above for anything left out; checked at
   * load (field paths and fixed ports must exist). See `NodeText` and docs/nodes.md.
   */
  i18n?: NodeTranslations
}

/** Any node definition, whatever its config type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyNodeDefinition = NodeDefinition<any>

/** Builds a node definition, checking its shape up front so a broken plugin fails at load. */
export function defineNode<S extends TSchema>(definition: NodeDefinition<S>): NodeDefinition<S> {
  const problems = checkNodeDefinition(definition)
  if (problems.length > 0) throw new Error(`invalid node definition: ${problems.join('; ')}`)
  return Object.freeze(definition)
}

/** Reasons an object is not a usable node definition (empty when it is one). */
export function checkNodeDefinition(candidate: unknown): string[] {
  if (candidate === null || typeof candidate !== 'object') return ['is not an object']
  const def = candidate as Record<string, unknown>
  const problems: string[] = []
  if (typeof def.type !== 'string' || !/^[a-z][a-z0-9]*(\.[a-z][a-z0-9-]*)*$/.test(def.type))
    problems.push('type must be a dotted lower-case name such as "send.sms"')
  if (!Number.isInteger(def.version) || (def.version as number) < 1) problems.push('version must be a positive integer')
  if (typeof def.title !== 'string' || def.title === '') problems.push('title is required')
  if (!['trigger', 'wait', 'logic', 'action', 'exit'].includes(def.category as string))
    problems.push('category must be trigger, wait, logic, action or exit')
  const config = def.config as Record<string, unknown> | undefined
  if (!config || typeof config !== 'object' || config.type !== 'object') problems.push('config must be an object schema')
  if (!(Array.isArray(def.ports) && def.ports.every((p) => typeof p === 'string')) && typeof def.ports !== 'function')
    problems.push('ports must be a list of names or a function of the config')
  if (typeof def.run !== 'function') problems.push('run must be a function')
  if (def.category === 'trigger' && (typeof def.trigger !== 'object' || def.trigger === null))
    problems.push('a trigger node must declare what starts it (trigger)')
  if (def.validate !== undefined && typeof def.validate !== 'function') problems.push('validate must be a function')
  if (def.effects !== undefined) {
    if (def.effects === null || typeof def.effects !== 'object' || Array.isArray(def.effects)) problems.push('effects must be an object of named functions')
    else
      for (const [name, effect] of Object.entries(def.effects)) {
        if (!/^[A-Za-z][\w-]*$/.test(name)) problems.push(`effects: "${name}" is not a name (letters, digits, - and _)`)
        // An HTTP effect's default key within a step is `http`: a named one so called would be taken for it.
        if (name === 'http') problems.push('effects: "http" is reserved for services.effects.http')
        if (typeof effect !== 'function') problems.push(`effects.${name} must be a function`)
      }
  }
  if (def.i18n !== undefined) problems.push(...checkNodeTranslations(def.i18n, def.config, Array.isArray(def.ports) ? (def.ports as string[]) : null))
  return problems
}

/** The ports of a node for a given config. */
export function portsOf(definition: AnyNodeDefinition, config: unknown): string[] {
  return typeof definition.ports === 'function' ? definition.ports(config) : [...definition.ports]
}
