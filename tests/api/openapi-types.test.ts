import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { API_TYPES_FILE, apiTypes } from '../../web/scripts/api-types.ts'

// The editor's API types are generated from the OpenAPI document and committed; a route
// whose schema changed without regenerating them fails here (no database needed).
describe("the editor's generated API types", () => {
  it('match the OpenAPI document the server builds now (regenerate: node web/scripts/api-types.ts)', async () => {
    const committed = await readFile(API_TYPES_FILE, 'utf8')
    expect(committed === (await apiTypes()), 'web/src/api/kairos-api.ts is stale: run node web/scripts/api-types.ts and commit it').toBe(true)
  })
})
