// Every message the editor shows exists in every language it speaks: a key added in English
// only (or in Chinese only) fails here, naming the area file and the key.
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const dir = join(dirname(fileURLToPath(import.meta.url)), '../../web/src/i18n/messages')
const LOCALES = ['en', 'zh-CN'] as const
type Tree = { [key: string]: string | Tree }

/** Every leaf as a dotted path with its kind, so a string in one language and a group in the other also shows. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of leaves(value, path)) out.set(k, v)
  }
  return out
}

/** The {name} placeholders a message uses. */
const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
/** How many plural forms a message has ("one | many"). */
const forms = (message: string) => message.split(' | ').length

const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()

describe('editor message catalogs', () => {
  it('has area files', () => {
    expect(files.length).toBeGreaterThan(0)
  })

  for (const file of files) {
    it(`${file}: the same keys, placeholders and plural forms in ${LOCALES.join(' and ')}`, async () => {
      const { default: area } = (await import(join(dir, file))) as { default: Record<string, Tree> }
      expect(Object.keys(area).sort()).toEqual([...LOCALES].sort())
      const [en, zh] = LOCALES.map((l) => leaves(area[l]))
      const onlyIn = (a: Map<string, string>, b: Map<string, string>) => [...a.keys()].filter((k) => !b.has(k))
      expect({ missingInZh: onlyIn(en, zh), missingInEn: onlyIn(zh, en) }).toEqual({ missingInZh: [], missingInEn: [] })
      const mismatched = [...en].flatMap(([key, message]) => {
        const other = zh.get(key) ?? ''
        const same = placeholders(message).join() === placeholders(other).join() && forms(message) === forms(other)
        return same ? [] : [`${key}: "${message}" / "${other}"`]
      })
      expect(mismatched).toEqual([])
      const empty = [...en, ...zh].filter(([, m]) => !m.trim()).map(([k]) => k)
      expect(empty).toEqual([])
    })
  }
})
