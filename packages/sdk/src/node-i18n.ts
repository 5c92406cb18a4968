// A node type's own translations: the editor shows a node in the person's language from what
// the node ships, so a plugin needs no change to the editor to be read in Chinese. English stays
// in the definition itself (title, description, the schema's property names and descriptions,
// port names); a language missing here, or a field it leaves out, falls back to that.

/** How one config field reads in a language. Every part is optional: a part left out shows the English. */
export interface NodeFieldText {
  /** The field's label (English: the property name made readable, or the schema's `title`). */
  title?: string
  /** The help line under the field (English: the schema's `description`). */
  description?: string
  /** Labels of an enum field's values, keyed by the value (`{ once: '仅一次', yearly: '每年' }`). */
  enum?: Record<string, string>
}

/**
 * A node type in one language.
 *
 * `fields` is keyed by the field's path in the config: a top-level property by its name
 * (`event`), a nested one by the names on the way joined with `.` (`task.due`), and a field of a
 * list's items without the index (`branches.port` for every `branches[i].port`). `ports` is keyed
 * by port name; a node whose ports come from its config (branch) translates the names it proposes.
 */
export interface NodeText {
  title: string
  description?: string
  fields?: Record<string, NodeFieldText>
  ports?: Record<string, string>
}

/** Translations keyed by a BCP 47 language tag as the editor names its languages: `'zh-CN'`. */
export type NodeTranslations = Record<string, NodeText>

const LOCALE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/

type Schema = Record<string, unknown>

/** The values of an enum field: `enum: [...]` or a union of `const`s (TypeBox's Literal union). */
function enumValues(schema: Schema): unknown[] | null {
  if (Array.isArray(schema.enum)) return schema.enum
  const union = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined
  if (Array.isArray(union) && union.length > 0 && union.every((s) => s && typeof s === 'object' && 'const' in s)) return union.map((s) => s.const)
  return null
}

/** The schemas a value of this schema may be: itself, and the variants of a union of objects. */
function variants(schema: Schema): Schema[] {
  const union = (schema.anyOf ?? schema.oneOf ?? schema.allOf) as Schema[] | undefined
  return Array.isArray(union) && !enumValues(schema) ? [schema, ...union.flatMap(variants)] : [schema]
}

/**
 * Every field path of a config schema a translation may name, each with its schema, in schema
 * order. Walks object properties, list items and the variants of unions; stops at fields the
 * editor draws with a widget of its own (`x-kairos-widget`: a condition, a segment).
 */
export function nodeFieldPaths(config: unknown): Map<string, Schema> {
  const found = new Map<string, Schema>()
  const walk = (schema: Schema, prefix: string) => {
    if (schema['x-kairos-widget'] !== undefined) return
    for (const variant of variants(schema)) {
      const items = variant.items
      if (items && typeof items === 'object' && !Array.isArray(items)) walk(items as Schema, prefix)
      const properties = variant.properties as Record<string, Schema> | undefined
      if (!properties || typeof properties !== 'object') continue
      for (const [name, property] of Object.entries(properties)) {
        const path = prefix ? `${prefix}.${name}` : name
        if (!found.has(path)) found.set(path, property)
        walk(property, path)
      }
    }
  }
  if (config && typeof config === 'object') walk(config as Schema, '')
  return found
}

/** The enum values of a field, as the strings a translation keys them by (null: not an enum). */
export function nodeFieldEnum(schema: Schema): string[] | null {
  const values = enumValues(schema) ?? (schema.items && typeof schema.items === 'object' ? enumValues(schema.items as Schema) : null)
  return values ? values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) : null
}

const isRecordOf = (value: unknown, check: (v: unknown) => boolean) =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every(check)
const isText = (v: unknown) => typeof v === 'string' && v.trim() !== ''

/**
 * Reasons a definition's `i18n` is unusable (empty when it is fine): a tag that is no language,
 * a missing title, a field path the config does not have, an enum label for a value the field
 * does not take, a port the node does not have (fixed ports only), empty text.
 */
export function checkNodeTranslations(i18n: unknown, config: unknown, fixedPorts: readonly string[] | null): string[] {
  if (i18n === undefined) return []
  if (i18n === null || typeof i18n !== 'object' || Array.isArray(i18n)) return ['i18n must be an object keyed by language, e.g. { "zh-CN": { title } }']
  const problems: string[] = []
  const paths = nodeFieldPaths(config)
  for (const [tag, text] of Object.entries(i18n as Record<string, unknown>)) {
    const at = `i18n.${tag}`
    if (!LOCALE_TAG.test(tag)) problems.push(`${at}: "${tag}" is not a language tag such as "zh-CN"`)
    if (text === null || typeof text !== 'object' || Array.isArray(text)) {
      problems.push(`${at} must be an object with a title`)
      continue
    }
    const { title, description, fields, ports, ...rest } = text as Record<string, unknown>
    if (!isText(title)) problems.push(`${at}.title is required`)
    if (description !== undefined && !isText(description)) problems.push(`${at}.description must be text`)
    for (const key of Object.keys(rest)) problems.push(`${at}.${key} is not a part of a node's translation (title, description, fields, ports)`)
    if (fields !== undefined) {
      if (!isRecordOf(fields, (f) => f !== null && typeof f === 'object' && !Array.isArray(f))) problems.push(`${at}.fields must map field paths to { title, description, enum }`)
      else
        for (const [path, field] of Object.entries(fields as Record<string, Record<string, unknown>>))
          problems.push(...checkField(`${at}.fields.${path}`, field, paths.get(path)))
    }
    if (ports !== undefined) {
      if (!isRecordOf(ports, isText)) problems.push(`${at}.ports must map port names to labels`)
      else if (fixedPorts)
        for (const port of Object.keys(ports as object)) if (!fixedPorts.includes(port)) problems.push(`${at}.ports.${port}: the node has no port "${port}" (${fixedPorts.join(', ')})`)
    }
  }
  return problems
}

function checkField(at: string, field: Record<string, unknown>, schema: Schema | undefined): string[] {
  if (!schema) return [`${at}: the config has no field at this path`]
  const problems: string[] = []
  const { title, description, enum: labels, ...rest } = field
  if (title !== undefined && !isText(title)) problems.push(`${at}.title must be text`)
  if (description !== undefined && !isText(description)) problems.push(`${at}.description must be text`)
  for (const key of Object.keys(rest)) problems.push(`${at}.${key} is not a part of a field's translation (title, description, enum)`)
  if (labels !== undefined) {
    const values = nodeFieldEnum(schema)
    if (!values) problems.push(`${at}.enum: the field is not a choice of values`)
    else if (!isRecordOf(labels, isText)) problems.push(`${at}.enum must map values to labels`)
    else for (const value of Object.keys(labels as object)) if (!values.includes(value)) problems.push(`${at}.enum.${value}: not a value of the field (${values.join(', ')})`)
  }
  return problems
}

/**
 * What a language leaves untranslated in a node: its description, each config field's title (and
 * its enum labels), each fixed port. For a node author's test (`expect(untranslated(def,
 * 'zh-CN')).toEqual([])`), so a field added later without its translation is caught. A field's
 * help is not asked for when the schema has no description either.
 */
export function untranslated(definition: { config: unknown; description?: string; ports: unknown; i18n?: NodeTranslations }, locale: string): string[] {
  const text: NodeText | undefined = definition.i18n?.[locale]
  if (!text) return ['title']
  const missing: string[] = []
  if (definition.description && !text.description) missing.push('description')
  for (const [path, schema] of nodeFieldPaths(definition.config)) {
    const field = text.fields?.[path]
    if (!field?.title) missing.push(`fields.${path}.title`)
    if (typeof schema.description === 'string' && !field?.description) missing.push(`fields.${path}.description`)
    for (const value of nodeFieldEnum(schema) ?? []) if (!field?.enum?.[value]) missing.push(`fields.${path}.enum.${value}`)
  }
  if (Array.isArray(definition.ports)) for (const port of definition.ports as string[]) if (!text.ports?.[port]) missing.push(`ports.${port}`)
  return missing
}
