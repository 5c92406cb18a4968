// Every core node type speaks Chinese in the editor: its title, description, each config field
// (label, help, enum values) and each fixed port ship in the node's own `i18n` (SDK `untranslated`).
// A field or port added later without its translation fails here, naming the node and the part.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { checkNodeDefinition, untranslated, type AnyNodeDefinition } from '@kairos/sdk'

const nodesDir = join(dirname(fileURLToPath(import.meta.url)), '../../nodes')
const packages = readdirSync(nodesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)

async function definitionsOf(pkg: string): Promise<AnyNodeDefinition[]> {
  const manifest = JSON.parse(readFileSync(join(nodesDir, pkg, 'package.json'), 'utf8')) as { kairos?: { nodes?: string[] } }
  const out: AnyNodeDefinition[] = []
  for (const entry of manifest.kairos?.nodes ?? []) {
    const exported = (await import(pathToFileURL(join(nodesDir, pkg, entry)).href)).default
    out.push(...(Array.isArray(exported) ? exported : [exported]))
  }
  return out
}

describe('core node types ship zh-CN', () => {
  it('finds the node packages', () => {
    expect(packages).toEqual(expect.arrayContaining(['trigger-event', 'branch', 'wait', 'call', 'coupon']))
  })

  it.each(packages)('nodes/%s: every version translates its title, description, fields and ports', async (pkg) => {
    const definitions = await definitionsOf(pkg)
    expect(definitions.length).toBeGreaterThan(0)
    for (const definition of definitions) {
      const name = `${definition.type}@${definition.version}`
      expect({ name, problems: checkNodeDefinition(definition) }).toEqual({ name, problems: [] })
      expect({ name, missing: untranslated(definition, 'zh-CN') }).toEqual({ name, missing: [] })
      // Chinese, not English copied over.
      expect(definition.i18n!['zh-CN'].title, name).toMatch(/[\u4e00-\u9fff]/)
      expect(definition.i18n!['zh-CN'].title, name).not.toBe(definition.title)
    }
  })
})
