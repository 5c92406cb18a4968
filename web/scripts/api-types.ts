// The editor's types of the Kairos API, generated from the server's own OpenAPI document
// (no database needed) into web/src/api/kairos-api.ts, which is committed: a change to a
// route's schema shows up as a change to this file, and tests/api/openapi-types.test.ts
// fails while the committed file is stale. Run: `node web/scripts/api-types.ts`.
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript'
import { openapiDocument } from '../../packages/server/src/http/openapi-document.ts'

/** Where the generated types live. */
export const API_TYPES_FILE = fileURLToPath(new URL('../src/api/kairos-api.ts', import.meta.url))

const HEADER = `// Generated from the Kairos OpenAPI document by web/scripts/api-types.ts: do not edit.
// Regenerate with \`node web/scripts/api-types.ts\` after changing a route's schema.
`

/** The text of kairos-api.ts for the server as it is now. */
export async function apiTypes(): Promise<string> {
  const ast = await openapiTS((await openapiDocument()) as unknown as OpenAPI3, { alphabetize: true })
  return HEADER + astToString(ast)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(API_TYPES_FILE, await apiTypes())
  console.log(`wrote ${API_TYPES_FILE}`)
}
