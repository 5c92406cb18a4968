import { NodeRegistry } from '@kairos/engine'
import { buildApp } from '../app.ts'
import { createCore } from '../core.ts'
import { connectDb } from '../db/connect.ts'

/**
 * The API's OpenAPI document (what `/docs/json` serves), without a database: the app is
 * built on a pool that never connects (nothing in building it or in `swagger()` queries),
 * with no plugins loaded, since no route's schema depends on them. For the editor's
 * generated types (web/scripts/api-types.ts).
 */
export async function openapiDocument(): Promise<Record<string, unknown>> {
  const database = connectDb('postgres://kairos@127.0.0.1:1/openapi-document-needs-no-database', { max: 1 })
  const app = await buildApp(createCore({ database, registry: new NodeRegistry() }), { serveWeb: false, healthDbProbeMs: 0 })
  try {
    await app.ready()
    return app.swagger() as unknown as Record<string, unknown>
  } finally {
    await app.close()
    await database.close()
  }
}
