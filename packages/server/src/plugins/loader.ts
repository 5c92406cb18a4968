import { readdir, readFile, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { checkNodeDefinition, validateAgainstSchema, type AnyNodeDefinition } from '@kairos/sdk'
import type { NodeRegistry } from '@kairos/engine'

/** What the loader did with one package folder. */
export interface PluginReport {
  package: string
  path: string
  status: 'loaded' | 'failed'
  nodeTypes: string[]
  error?: string
}

export interface LoaderLog {
  info(message: string): void
  error(message: string): void
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false)
}

/** Package folders directly inside `dir`, with their package.json text (parsed later, per package, so one bad file fails alone). */
async function discover(dir: string): Promise<Array<{ path: string; manifestText: string }>> {
  if (!(await isDirectory(dir))) return []
  const found = []
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name)
    const manifestText = await readFile(join(path, 'package.json'), 'utf8').catch(() => null)
    if (manifestText !== null) found.push({ path, manifestText })
  }
  return found
}

/** A package.json, or an error naming the file when it is not JSON. */
function parseManifest(path: string, text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>
  } catch (error) {
    throw new Error(`${join(path, 'package.json')} is not valid JSON: ${(error as Error).message}`)
  }
}

async function loadPackage(path: string, manifest: Record<string, unknown>): Promise<AnyNodeDefinition[]> {
  const entries = (manifest.kairos as { nodes?: unknown } | undefined)?.nodes
  if (!Array.isArray(entries) || entries.length === 0 || !entries.every((e) => typeof e === 'string'))
    throw new Error('package.json "kairos.nodes" must list the modules that export node definitions')
  const definitions: AnyNodeDefinition[] = []
  for (const entry of entries as string[]) {
    const module = (await import(pathToFileURL(resolve(path, entry)).href)) as { default?: unknown }
    const exported = Array.isArray(module.default) ? module.default : [module.default]
    for (const candidate of exported) {
      const problems = checkNodeDefinition(candidate)
      if (problems.length > 0) throw new Error(`${entry}: not a node definition: ${problems.join('; ')}`)
      const definition = candidate as AnyNodeDefinition
      // Compiling the config schema now turns a broken schema into a load failure instead of a 500 at publish.
      try {
        validateAgainstSchema(definition.config, {})
      } catch (error) {
        throw new Error(`${entry}: ${definition.type}@${definition.version} has an invalid config schema: ${(error as Error).message}`)
      }
      definitions.push(definition)
    }
  }
  return definitions
}

/**
 * Discovers node packages in `dirs` (each a folder of package folders),
 * imports them and registers their node definitions. A package that throws on
 * import or breaks the contract is reported and skipped; it never stops the server.
 */
export async function loadNodePlugins(dirs: string[], registry: NodeRegistry, log: LoaderLog): Promise<PluginReport[]> {
  const reports: PluginReport[] = []
  for (const dir of dirs) {
    for (const { path, manifestText } of await discover(dir)) {
      let name = path
      try {
        const manifest = parseManifest(path, manifestText)
        if (!manifest.kairos) continue
        if (typeof manifest.name === 'string') name = manifest.name
        const definitions = await loadPackage(path, manifest)
        const clash = definitions.find((d) => registry.has(d.type, d.version))
        if (clash) throw new Error(`node type ${clash.type}@${clash.version} is already provided by another package`)
        for (const definition of definitions) registry.register(definition)
        const nodeTypes = definitions.map((d) => `${d.type}@${d.version}`)
        reports.push({ package: name, path, status: 'loaded', nodeTypes })
        log.info(`plugin ${name}: loaded ${nodeTypes.join(', ')}`)
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        reports.push({ package: name, path, status: 'failed', nodeTypes: [], error: message })
        log.error(`plugin ${name} (${path}) skipped: ${message}`)
      }
    }
  }
  return reports
}
