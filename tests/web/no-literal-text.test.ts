// No component template holds words a person reads outside the message catalogs: text between
// tags and the title, placeholder, aria-label, alt and label attributes must come from $t (or a
// prop the parent translated). Codes and names that are the same in every language (Kairos,
// JSON, CSV, URL examples) are allowed. Files not translated yet are listed, so the list only
// shrinks: a new literal in any other file fails here, naming file and text.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const src = join(dirname(fileURLToPath(import.meta.url)), '../../web/src')
/** Words that are not language: the product, formats, protocol names, examples of input. */
const SAME_IN_EVERY_LANGUAGE = new Set(['Kairos', 'JSON', 'CSV', 'API', 'Authorization', 'Bearer', 'OK', 'UTC', 'Ctrl', 'Cmd'])
/** Components whose text is still English, to be moved into catalogs (issue 15). */
const NOT_YET_TRANSLATED = new Set<string>(JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'not-yet-translated.json'), 'utf8')))

function* vueFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* vueFiles(path)
    else if (name.endsWith('.vue')) yield path
  }
}

/** The template of a single-file component: from the first <template> to the last </template>. */
function templateOf(source: string): string {
  const start = source.indexOf('<template>')
  const end = source.lastIndexOf('</template>')
  return start < 0 || end < 0 ? '' : source.slice(start + '<template>'.length, end)
}

const WORD = /[A-Za-z]{2,}|[\u4e00-\u9fff]/
const IDENTIFIER = /^[a-z0-9][a-z0-9_.@-]*$/

/** Literal words in the template: text nodes and translatable attributes without a binding. */
export function literals(template: string): string[] {
  const found: string[] = []
  const withoutComments = template.replace(/<!--[\s\S]*?-->/g, '')
  for (const m of withoutComments.matchAll(/\s(title|placeholder|aria-label|alt|label|confirm-label|hint)="([^"]*)"/g))
    // An example identifier (placeholder="sms-main") reads the same in every language.
    if (WORD.test(m[2]) && !IDENTIFIER.test(m[2])) found.push(`${m[1]}="${m[2]}"`)
  // A tag ends at the first > outside its quoted attribute values (which may hold => or > 0).
  const text = withoutComments.replace(/<(?:[^>"']|"[^"]*"|'[^']*')*>/g, '\n').replace(/\{\{[\s\S]*?\}\}/g, ' ')
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/).filter((w) => WORD.test(w) && !SAME_IN_EVERY_LANGUAGE.has(w.replace(/[^\w]/g, '')))
    if (words.length) found.push(line.trim())
  }
  return found
}

describe('component templates', () => {
  const files = [...vueFiles(src)].map((path) => ({ path, name: relative(src, path) }))

  it('hold no literal user-visible text outside the catalogs', () => {
    const offenders = files.filter((f) => !NOT_YET_TRANSLATED.has(f.name)).flatMap((f) => literals(templateOf(readFileSync(f.path, 'utf8'))).map((l) => `${f.name}: ${l}`))
    expect(offenders).toEqual([])
  })

  it('lists as not yet translated only files that still hold literal text', () => {
    const done = files.filter((f) => NOT_YET_TRANSLATED.has(f.name) && literals(templateOf(readFileSync(f.path, 'utf8'))).length === 0).map((f) => f.name)
    expect(done).toEqual([])
  })
})
