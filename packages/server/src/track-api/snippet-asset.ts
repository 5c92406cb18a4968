import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'

/** The browser snippet as Kairos serves it: its text and an ETag of its content, read once at start. */
export interface SnippetAsset {
  body: string
  etag: string
}

/**
 * Reads snippet/kairos.js beside this file. It is plain JavaScript with no build step and
 * no dependency, so what is in the repository is what browsers run.
 */
export function loadSnippet(): SnippetAsset {
  const body = readFileSync(new URL('./snippet/kairos.js', import.meta.url), 'utf8')
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` }
}
