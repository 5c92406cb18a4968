import { sql } from 'kysely'
import type { FlowGraph, NodeRegistry } from '@kairos/engine'
import type { Db } from '../db/connect.ts'
import { missingVariables } from './missing-variables.ts'
import { sampleEvents } from './template-variables.ts'

/**
 * Why a variable has no value anywhere Kairos can see: `attribute` (no contact has the key),
 * `eventProperty` (no recent event the journey starts on carries the property), `coupon` (no
 * step issues a coupon and no contact holds one).
 */
export type UnknownReason = 'attribute' | 'eventProperty' | 'coupon'

/** A template of a step reading a variable no contact or trigger event has: a publish warning. */
export interface VariableWarning {
  node: string
  /** The config field holding the template, as publish problems name it (`config.text`). */
  field: string
  /** The variable as the template reads it (`contact.tier`). */
  variable: string
  reason: UnknownReason
  /** The trigger events looked at, for `eventProperty` ("order_paid"). */
  events: string[]
  message: string
}

// What stands in for a value that exists: a plain string, so filters (`| upcase`, `| date`) run
// on it and a nested read on it (`contact.address.city`) is not taken for a missing one.
const PRESENT = 'x'
// Keys every contact has in a template's scope (templateScope), whatever its attributes.
const CONTACT_BUILT_INS = ['id', 'externalId', 'tags', 'ownerId']
const COUPON_NODE = 'coupon'

interface TemplateAt {
  node: string
  field: string
  template: string
}

type Schema = { format?: unknown; properties?: Record<string, Schema>; patternProperties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[] }

/**
 * Every `format: "kairos-template"` string in a config, by its field path, objects and arrays
 * included, and records keyed by name (`patternProperties`: send.sms 4's template parameters).
 */
function templatesIn(schema: Schema | undefined, value: unknown, path: string, node: string, out: TemplateAt[]): void {
  if (!schema || value === undefined || value === null) return
  if (schema.format === 'kairos-template' && typeof value === 'string') out.push({ node, field: path, template: value })
  for (const option of schema.anyOf ?? []) templatesIn(option, value, path, node, out)
  if (Array.isArray(value)) value.forEach((item, i) => templatesIn(schema.items, item, `${path}[${i}]`, node, out))
  else if (typeof value === 'object' && schema.properties)
    for (const [key, inner] of Object.entries(schema.properties)) templatesIn(inner, (value as Record<string, unknown>)[key], `${path}.${key}`, node, out)
  if (!Array.isArray(value) && typeof value === 'object' && schema.patternProperties) {
    const patterns = Object.entries(schema.patternProperties).map(([source, inner]) => ({ pattern: new RegExp(source, 'u'), inner }))
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (schema.properties && key in schema.properties) continue
      const match = patterns.find(({ pattern }) => pattern.test(key))
      if (match) templatesIn(match.inner, item, `${path}.${key}`, node, out)
    }
  }
}

const present = (keys: Iterable<string>) => Object.fromEntries([...keys].map((k) => [k, PRESENT]))

/**
 * The variables a journey's templates read that no contact has and no recent event of its
 * trigger carries (`{{ contact.tier }}` with no contact holding `tier`): most often a typo, else
 * an attribute that will arrive later. Only `contact.*`, `event.*` and `coupon.*` are judged;
 * other scope (a step's `effects`, what a node adds) is the node's own business. Nothing here
 * blocks a publish: the editor asks the publisher to acknowledge them (docs/decisions.md).
 */
export async function unknownVariables(db: Db, graph: FlowGraph, registry: NodeRegistry): Promise<VariableWarning[]> {
  const templates: TemplateAt[] = []
  const triggerEvents = new Set<string>()
  let otherTrigger = false
  let issuesCoupon = false
  for (const node of graph.nodes) {
    const definition = registry.get(node.type, node.version)
    if (!definition) continue
    if (definition.type === COUPON_NODE) issuesCoupon = true
    const trigger = definition.trigger
    if (trigger?.kind === 'event') {
      // A draft's trigger may be half filled in: whatever it names yet is what is looked at.
      try {
        for (const event of trigger.events(node.config as never)) if (typeof event === 'string' && event !== '') triggerEvents.add(event)
      } catch {
        otherTrigger = true
      }
    } else if (trigger) otherTrigger = true
    templatesIn(definition.config as Schema, node.config ?? {}, 'config', node.id, templates)
  }
  if (templates.length === 0) return []

  const attributes = await attributesHeld(db, await attributesRead(templates))
  const properties = new Set<string>()
  for (const event of triggerEvents) for (const key of (await sampleEvents(db, event, undefined, true)).propertyKeys) properties.add(key)
  const hasCoupon = issuesCoupon || attributes.includes('coupon')
  const scope: Record<string, unknown> = {
    contact: present([...attributes, ...CONTACT_BUILT_INS]),
    // A schedule, date or change trigger starts runs with an event of its own making (the moment,
    // the attribute's change): `event.*` is judged only when every trigger is a stored event.
    event: triggerEvents.size > 0 && !otherTrigger ? { id: PRESENT, name: PRESENT, occurredAt: PRESENT, properties: present(properties) } : PRESENT,
    coupon: hasCoupon ? PRESENT : null,
  }
  const events = [...triggerEvents].sort()
  const warnings: VariableWarning[] = []
  for (const at of templates) {
    for (const variable of await missingVariables(at.template, scope)) {
      const reason = reasonFor(variable)
      if (reason) warnings.push({ node: at.node, field: at.field, variable, reason, events: reason === 'eventProperty' ? events : [], message: sentence(variable, reason, events) })
    }
  }
  return warnings
}

/**
 * The attribute keys the templates read (`tier` for `{{ contact.tier }}`, `address` for
 * `contact.address.city`), found by a first probe against a contact with none, and `coupon`.
 */
async function attributesRead(templates: TemplateAt[]): Promise<string[]> {
  const keys = new Set<string>(['coupon'])
  const scope = { contact: present(CONTACT_BUILT_INS), event: PRESENT, coupon: PRESENT }
  for (const at of templates)
    for (const variable of await missingVariables(at.template, scope)) if (variable.startsWith('contact.')) keys.add(variable.split('.')[1]!)
  return [...keys]
}

/**
 * Which of `keys` some contact holds: asked key by key (each stops at the first contact that
 * has it), so a workspace with many attribute keys is judged on the ones the journey reads, not
 * on the first few hundred of all of them in alphabetical order.
 */
async function attributesHeld(db: Db, keys: string[]): Promise<string[]> {
  const { rows } = await sql<{ key: string }>`select k as key from unnest(${keys}::text[]) as k
      where exists (select 1 from contacts where attributes ? k)`.execute(db)
  return rows.map((r) => r.key)
}

function reasonFor(variable: string): UnknownReason | null {
  if (variable.startsWith('contact.')) return 'attribute'
  if (variable.startsWith('event.properties.')) return 'eventProperty'
  if (variable === 'coupon' || variable.startsWith('coupon.')) return 'coupon'
  return null
}

function sentence(variable: string, reason: UnknownReason, events: string[]): string {
  const uses = `uses {{ ${variable} }}`
  switch (reason) {
    case 'attribute':
      return `${uses}, which no contact has`
    case 'eventProperty':
      return `${uses}, which no recent ${events.map((e) => `"${e}"`).join(' or ')} event carries`
    case 'coupon':
      return `${uses}, but no step issues a coupon and no contact has one`
  }
}
