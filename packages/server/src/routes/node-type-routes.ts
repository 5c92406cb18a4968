import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { portsOf, validateAgainstSchema } from '@kairos/sdk'
import { Type } from 'typebox'
import { pluginSetHash } from '../plugins/loader.ts'
import { NodePortsReply, NodeTypeList, PluginList } from '../schemas/node-type.ts'

const PortsBody = Type.Object(
  {
    nodes: Type.Array(
      Type.Object({ type: Type.String(), version: Type.Optional(Type.Integer({ minimum: 1 })), config: Type.Record(Type.String(), Type.Unknown()) }),
      { maxItems: 500 },
    ),
  },
  { additionalProperties: false },
)

/** The palette: every loaded node type with its config schema, ports and own translations; and what each plugin did at load. */
export const nodeTypeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { registry, plugins } = app.kairos
  app.get('/api/node-types', { config: { permission: 'read' }, schema: { tags: ['node types'], response: { 200: NodeTypeList } } }, async () => ({
    nodeTypes: registry.list().map((d) => ({
      type: d.type,
      version: d.version,
      title: d.title,
      category: d.category,
      description: d.description ?? null,
      configSchema: d.config,
      // Ports that depend on the config (branch) are listed for an empty config and flagged.
      ports: typeof d.ports === 'function' ? [] : portsOf(d, {}),
      dynamicPorts: typeof d.ports === 'function',
      i18n: d.i18n ?? {},
    })),
  }))
  // `pluginSet` hashes what loaded, so operators can check every API and worker process runs the same set.
  const pluginSet = pluginSetHash(plugins)
  app.get('/api/plugins', { config: { permission: 'read' }, schema: { tags: ['node types'], response: { 200: PluginList } } }, async () => ({ pluginSet, plugins }))

  // Ports that depend on the config (branch, split's holdout, wait.until's late): the editor asks
  // for a batch of nodes as it draws them. null where the type is unknown or its config too
  // incomplete for the node type to answer.
  app.post('/api/node-types/ports', { config: { permission: 'read' }, schema: { tags: ['node types'], body: PortsBody, response: { 200: NodePortsReply } } }, async (request) => ({
    ports: request.body.nodes.map(({ type, version, config }) => {
      const definition = registry.get(type, version)
      if (!definition) return null
      try {
        if (validateAgainstSchema(definition.config, structuredClone(config), 'config').length > 0 && typeof definition.ports === 'function') return null
        return portsOf(definition, config)
      } catch {
        return null
      }
    }),
  }))
}
