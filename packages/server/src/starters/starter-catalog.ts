import { readdirSync, readFileSync } from 'node:fs'
import { validateAgainstSchema } from '@kairos/sdk'
import { mapStrings, parsePlaceholder, referenceUses } from './placeholders.ts'
import { REFERENCE_GROUP, REFERENCE_KINDS, STARTER_LANGUAGES, StarterFile } from './starter-file.ts'

const FOLDER = new URL('./', import.meta.url)

/**
 * What is wrong with a starter file beyond its shape: a `$text:` key missing in
 * a language, texts that differ in keys between languages, a reference used but
 * not declared or declared but never used. Empty for a sound file.
 */
export function starterFileProblems(file: StarterFile): string[] {
  const problems: string[] = []
  const [first, ...others] = STARTER_LANGUAGES
  const keys = Object.keys(file.texts[first]).sort().join(',')
  for (const language of others)
    if (Object.keys(file.texts[language]).sort().join(',') !== keys) problems.push(`texts.${language} has other keys than texts.${first}`)
  mapStrings(file.graph, (text, path) => {
    const found = parsePlaceholder(text)
    if (found && 'text' in found)
      for (const language of STARTER_LANGUAGES) if (!(found.text in file.texts[language])) problems.push(`graph.${path}: no texts.${language}["${found.text}"]`)
    return text
  })
  const uses = referenceUses(file.graph)
  for (const kind of REFERENCE_KINDS) {
    const declared = Object.keys(file.references[REFERENCE_GROUP[kind]] ?? {})
    for (const use of uses.filter((u) => u.kind === kind && !declared.includes(u.key)))
      problems.push(`graph node ${use.node} ${use.field}: ${kind} "${use.key}" is not declared under references.${REFERENCE_GROUP[kind]}`)
    for (const key of declared.filter((k) => !uses.some((u) => u.kind === kind && u.key === k)))
      problems.push(`references.${REFERENCE_GROUP[kind]}.${key} is used by no node`)
  }
  return problems
}

/** Reads and checks one starter file; throws naming the file and every problem. */
function readStarter(name: string): StarterFile {
  const parsed: unknown = JSON.parse(readFileSync(new URL(name, FOLDER), 'utf8'))
  const shape = validateAgainstSchema(StarterFile, parsed, name)
  if (shape.length > 0) throw new Error(`starter ${name}: ${shape.map((p) => `${p.field} ${p.message}`).join('; ')}`)
  const file = parsed as StarterFile
  const problems = starterFileProblems(file)
  if (`${file.id}.starter.json` !== name) problems.push(`its id is "${file.id}"; the file must be named ${file.id}.starter.json`)
  if (problems.length > 0) throw new Error(`starter ${name}: ${problems.join('; ')}`)
  return file
}

/** The order the gallery shows them in: from the simplest journey to the most involved. */
const ORDER = ['welcome', 'cart-abandonment', 'birthday-coupon', 'premium-renewal', 'win-back', 'lead-nurture']

let loaded: StarterFile[] | undefined

/**
 * Every `*.starter.json` in this folder, read and checked once per process: the
 * files ship with Kairos, so a broken one is a bug that fails at the first use
 * (and in tests/api/starters.test.ts), not a request error.
 */
export function starterFiles(): StarterFile[] {
  loaded ??= readdirSync(FOLDER)
    .filter((name) => name.endsWith('.starter.json'))
    .map(readStarter)
    .sort((a, b) => rank(a.id) - rank(b.id))
  return loaded
}

function rank(id: string): number {
  const at = ORDER.indexOf(id)
  return at === -1 ? ORDER.length : at
}

/** The starter with this id, or undefined. */
export function findStarter(id: string): StarterFile | undefined {
  return starterFiles().find((file) => file.id === id)
}
