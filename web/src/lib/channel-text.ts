// A channel kind's words in the editor's language, from the translations the kind ships itself
// (`i18n` on its definition, returned by GET /api/channel-kinds), read the way a node type's are
// (lib/node-text.ts): its title, description and each config field's label, help and enum labels.
// What a kind leaves out (a plugin's kind with no `i18n`) shows its English and its schema's.
import type { ChannelKind } from '../api/types.ts'
import { labelFor } from './schema.ts'
import { nodeTextIn, type Translated } from './node-text.ts'

type Kind = Pick<ChannelKind, 'kind' | 'title' | 'description' | 'i18n'> & Partial<Pick<ChannelKind, 'configSchema'>>

/** The kind's title in the editor's language (`阿里云短信`), else its own; the kind's name when it is not loaded. */
export function channelKindTitle(kind: Kind | null | undefined, name = ''): string {
  return kind ? (nodeTextIn(kind)?.title ?? kind.title) : name
}

/** The kind's description in the editor's language, else its own. */
export function channelKindDescription(kind: Kind | null | undefined): string {
  return kind ? (nodeTextIn(kind)?.description ?? kind.description) : ''
}

/** A config field's label (`AccessKey ID`, `短信签名`): the kind's translation, else the schema's title or the name made readable. */
export function channelFieldLabel(kind: Kind | null | undefined, field: string): string {
  return nodeTextIn(kind)?.fields?.[field]?.title ?? labelFor(field, kind?.configSchema?.properties?.[field] ?? {})
}

/** A config field as a saved channel's summary names it: its translated label, else its key as stored (`url`). */
export function channelFieldName(kind: Kind | null | undefined, field: string): string {
  return nodeTextIn(kind)?.fields?.[field]?.title ?? field
}

/** A config field's help line in the editor's language, else the schema's description. */
export function channelFieldHelp(kind: Kind | null | undefined, field: string): string | undefined {
  return nodeTextIn(kind)?.fields?.[field]?.description ?? kind?.configSchema?.properties?.[field]?.description
}

/**
 * The kind's translations keyed as the channel form's fields are (`body.config.<field>`, the path
 * the server names problems by), for `provideFormNodeType`: the schema form then labels, helps and
 * lists the choices of a channel's settings as it does a step's.
 */
export function channelFormText(kind: Kind | null | undefined, prefix = 'body.config'): Translated {
  if (!kind) return null
  const i18n = Object.fromEntries(
    Object.entries(kind.i18n).map(([tag, text]) => [
      tag,
      { ...text, fields: Object.fromEntries(Object.entries(text.fields ?? {}).map(([field, words]) => [`${prefix}.${field}`, words])) },
    ]),
  )
  return { i18n }
}
