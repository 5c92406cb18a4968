import { Type } from 'typebox'
import { NodeFieldTextView } from './node-type.ts'
import { DateTime, Nullable, OneOf, OpenObject } from './reply-fields.ts'

const CARRIES = Type.String({ description: 'The message channel it carries (sms, email, wecom, call, webhook, or a plugin\'s)' })

/** A channel kind in one language, as its definition ships it (SDK `ChannelText`). */
export const ChannelKindTextView = Type.Object({
  title: Type.String(),
  description: Type.Optional(Type.String()),
  fields: Type.Optional(Type.Record(Type.String(), NodeFieldTextView, { description: 'Keyed by the config field\'s name: label, help and enum labels' })),
})

/** A kind of channel: its settings' JSON Schema and which of them are secret. */
export const ChannelKindView = Type.Object({
  kind: Type.String({ description: 'e.g. sms.http, email.smtp' }),
  carries: CARRIES,
  title: Type.String({ description: 'What the channel form is headed with, e.g. SMS over HTTP' }),
  description: Type.String(),
  configSchema: { ...OpenObject, description: 'JSON Schema of the channel\'s config' },
  secret: Type.Array(Type.String(), { description: 'Config fields stored sealed and never returned' }),
  i18n: Type.Record(Type.String(), ChannelKindTextView, { description: 'The kind\'s own translations keyed by language tag (zh-CN); empty when it ships none, and the editor shows the English' }),
})

export const ChannelKindList = Type.Object({ kinds: Type.Array(ChannelKindView) })

/** A configured channel; its secret settings are never returned, `secretsSet` names those that are set. */
export const Channel = Type.Object({
  name: Type.String(),
  kind: Type.String(),
  carries: Nullable(Type.String({ description: 'The message channel its kind carries; null when this process has not loaded its kind' })),
  config: { ...OpenObject, description: 'The settings without their secrets' },
  secretsSet: Type.Array(Type.String()),
  ratePerSecond: Nullable(Type.Number()),
  updatedAt: DateTime,
  status: OneOf(['ok', 'unreadable', 'kind-not-loaded'], {
    description: 'unreadable: its secrets cannot be opened with this server\'s key; it cannot send until saved again. kind-not-loaded: no plugin of this process provides its kind',
  }),
  unreadable: Type.Optional(Type.String({ description: 'Why it is unreadable' })),
  kindNotLoaded: Type.Optional(Type.String({ description: 'For kind-not-loaded: the kind and the plugin set of this process' })),
})

export const ChannelList = Type.Object({ channels: Type.Array(Channel) })
