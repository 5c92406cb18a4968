import { Type } from 'typebox'
import { Nullable, OneOf, OpenObject } from './reply-fields.ts'

/** How one config field reads in a language; each part left out shows the English. */
export const NodeFieldTextView = Type.Object({
  title: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  enum: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Labels of the field\'s values, keyed by value' })),
})

/** A node type in one language, as its definition ships it (SDK `NodeText`). */
export const NodeTextView = Type.Object({
  title: Type.String(),
  description: Type.Optional(Type.String()),
  fields: Type.Optional(Type.Record(Type.String(), NodeFieldTextView, { description: 'Keyed by field path: `event`, `task.due`, `branches.port` (list items without the index)' })),
  ports: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Port labels keyed by port name' })),
})

/** A loaded node type: the palette entry and the form of a node. */
export const NodeTypeView = Type.Object({
  type: Type.String(),
  version: Type.Integer(),
  title: Type.String(),
  category: OneOf(['trigger', 'wait', 'logic', 'action', 'exit']),
  description: Nullable(Type.String()),
  configSchema: { ...OpenObject, description: 'JSON Schema of the node\'s config; the editor draws its form from it' },
  ports: Type.Array(Type.String(), { description: 'For an empty config when dynamicPorts' }),
  dynamicPorts: Type.Boolean({ description: 'Ports depend on the config: ask POST /api/node-types/ports' }),
  i18n: Type.Record(Type.String(), NodeTextView, { description: 'The node\'s own translations keyed by language tag (zh-CN); empty when it ships none, and the editor shows the English' }),
})

export const NodeTypeList = Type.Object({ nodeTypes: Type.Array(NodeTypeView) })

export const NodePortsReply = Type.Object({
  ports: Type.Array(Nullable(Type.Array(Type.String())), { description: 'Per node asked, in order; null for an unknown type or a config too incomplete to tell' }),
})

/** What the loader did with one path it looked at. */
export const PluginReportView = Type.Object({
  package: Type.String({ description: 'The package name, or the path when it has none' }),
  path: Type.String(),
  version: Type.Optional(Type.String()),
  status: OneOf(['loaded', 'skipped', 'failed', 'missing']),
  nodeTypes: Type.Array(Type.String()),
  channelKinds: Type.Array(Type.String(), { description: 'The channel kinds it registered (kairos.channels), e.g. whatsapp.cloud' }),
  reason: Type.Optional(Type.String({ description: 'Why it was skipped, failed or missing' })),
  error: Type.Optional(Type.String({ description: 'Same as reason for failed (kept for older clients)' })),
  definition: Type.Optional(Type.String({ description: 'The definition that failed the package, as module: type@version' })),
  configured: Type.String({ description: 'The configured folder this path was found through' }),
  as: OneOf(['folder of packages', 'package']),
})

export const PluginList = Type.Object({
  pluginSet: Type.String({ description: 'Hash of what loaded: the same in every process running the same plugins' }),
  plugins: Type.Array(PluginReportView),
})
