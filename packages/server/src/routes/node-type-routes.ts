import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { portsOf } from '@kairos/sdk'

/** The palette: every loaded node type with its config schema and ports; and what each plugin did at load. */
export const nodeTypeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { registry, plugins } = app.kairos
  app.get('/api/node-types', { schema: { tags: ['node types'] } }, async () => ({
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
    })),
  }))
  app.get('/api/plugins', { schema: { tags: ['node types'] } }, async () => ({ plugins }))
}
