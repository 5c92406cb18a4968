import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { checkNodeDefinition, validateAgainstSchema, type AnyNodeDefinition } from '@kairos/sdk'
import type { NodeRegistry } from '@kairos/engine'

/**
 * What the loader found at one path it looked at:
 * - `loaded`: a node package whose definitions are all registered (`nodeTypes`);
 * - `skipped`: not a node package (`reason`: "not a directory", "no package.json",
 *   "package.json has no \"kairos\" key", "contains no package folders");
 * - `failed`: a node package of which nothing was registered (`reason`, and `definition` when one definition is at fault);
 * - `missing`: a configured folder that does not exist (logged as an error).
 */
export interface PluginReport {
  /** The package name from package.json, or the path when there is none. */
  package: string
  path: string
  /** package.json `version`, when a package has one. */
  version?: string
  status: 'loaded' | 'skipped' | 'failed' | 'missing'
  nodeTypes: string[]
  /** Why it was skipped, failed or missing. */
  reason?: string
  /** Same as `reason` for `failed` (kept for clients that read `error`). */
  error?: string
  /** The definition that failed the package, as `module: type@version` (or just the module). */
  definition?: string
  /** The configured folder (KAIROS_PLUGINS_DIR entry or `nodes/`) this path was found through. */
  configured: string
  /**
   * How the configured folder was read: `folder of packages` (each sub-folder a package), or
   * `package` when it holds a package.json with a "kairos" key itself.
   */
  as: 'folder of packages' | 'package'
}

export interface LoaderLog {
  info(message: string): void
  error(message: string): void
}

/** A failure that names the definition at fault. */
class DefinitionError extends Error {
  readonly definition: string
  constructor(definition: string, message: string) {
    super(`${definition}: ${message}`)
    this.definition = definition
  }
}

async function kindOf(path: string): Promise<'directory' | 'other' | 'missing'> {
  return stat(path).then((s) => (s.isDirectory() ? 'directory' : 'other'), () => 'missing')
}

/** A folder's package.json text, or null when it has none; any other failure to read it (permissions, say) is thrown. */
async function readManifestText(path: string): Promise<string | null> {
  try {
    return await readFile(join(path, 'package.json'), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new Error(`${join(path, 'package.json')} cannot be read: ${(error as Error).message}`)
  }
}

/** A package.json, or an error naming the file when it is not JSON. */
function parseManifest(path: string, text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text)
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object')
    return parsed as Record<string, unknown>
  } catch (error) {
    throw new Error(`${join(path, 'package.json')} is not valid JSON: ${(error as Error).message}`)
  }
}

/** Imports and checks every definition of a package; registers nothing. */
async function importDefinitions(path: string, manifest: Record<string, unknown>): Promise<AnyNodeDefinition[]> {
  const entries = (manifest.kairos as { nodes?: unknown } | undefined)?.nodes
  if (!Array.isArray(entries) || entries.length === 0 || !entries.every((e) => typeof e === 'string'))
    throw new Error('package.json "kairos.nodes" must list the modules that export node definitions')
  const definitions: AnyNodeDefinition[] = []
  for (const entry of entries as string[]) {
    let module: { default?: unknown }
    try {
      module = (await import(pathToFileURL(resolve(path, entry)).href)) as { default?: unknown }
    } catch (error) {
      throw new DefinitionError(entry, `import failed: ${(error as Error).message}`)
    }
    const exported = Array.isArray(module.default) ? module.default : [module.default]
    for (const candidate of exported) {
      const problems = checkNodeDefinition(candidate)
      if (problems.length > 0) throw new DefinitionError(entry, `not a node definition: ${problems.join('; ')}`)
      const definition = candidate as AnyNodeDefinition
      const key = `${entry}: ${definition.type}@${definition.version}`
      // Compiling the config schema now turns a broken schema into a load failure instead of a 500 at publish.
      try {
        validateAgainstSchema(definition.config, {})
      } catch (error) {
        throw new DefinitionError(key, `invalid config schema: ${(error as Error).message}`)
      }
      definitions.push(definition)
    }
  }
  return definitions
}

/** Registers all of a package's definitions or, when one clashes, none of them. */
function registerAll(definitions: AnyNodeDefinition[], registry: NodeRegistry): void {
  const seen = new Set<string>()
  for (const d of definitions) {
    const key = `${d.type}@${d.version}`
    if (registry.has(d.type, d.version)) throw new DefinitionError(key, 'already provided by another package')
    if (seen.has(key)) throw new DefinitionError(key, 'defined twice in this package')
    seen.add(key)
  }
  for (const definition of definitions) registry.register(definition)
}

type Base = Pick<PluginReport, 'configured' | 'as'>

/** Looks at one folder that should be a node package and says what became of it. */
async function loadOne(path: string, base: Base, registry: NodeRegistry, log: LoaderLog, manifestText?: string | null): Promise<PluginReport> {
  const skipped = (reason: string, name = path): PluginReport => {
    log.info(`plugins: ${path} skipped: ${reason}`)
    return { package: name, path, status: 'skipped', nodeTypes: [], reason, ...base }
  }
  const kind = await kindOf(path)
  if (kind !== 'directory') return skipped(kind === 'missing' ? 'does not exist' : 'not a directory')
  let name = path
  let version: string | undefined
  try {
    const text = manifestText === undefined ? await readManifestText(path) : manifestText
    if (text === null) return skipped('no package.json')
    const manifest = parseManifest(path, text)
    if (typeof manifest.name === 'string') name = manifest.name
    if (typeof manifest.version === 'string') version = manifest.version
    if (!manifest.kairos) return skipped('package.json has no "kairos" key', name)
    const definitions = await importDefinitions(path, manifest)
    registerAll(definitions, registry)
    const nodeTypes = definitions.map((d) => `${d.type}@${d.version}`)
    log.info(`plugin ${name}: loaded ${nodeTypes.join(', ')}`)
    return { package: name, path, ...(version ? { version } : {}), status: 'loaded', nodeTypes, ...base }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const definition = error instanceof DefinitionError ? { definition: error.definition } : {}
    log.error(`plugin ${name} (${path}) failed, none of its node types registered: ${reason}`)
    return { package: name, path, ...(version ? { version } : {}), status: 'failed', nodeTypes: [], reason, error: reason, ...definition, ...base }
  }
}

/**
 * Whether a configured folder is a node package itself (a package.json with a "kairos" key).
 * A package.json that is not JSON counts as one, so that loading it reports the parse error
 * instead of the folder being read as a folder of packages and the mistake passing unsaid.
 */
function isNodePackage(manifestText: string | null): boolean {
  if (manifestText === null) return false
  try {
    return Boolean((JSON.parse(manifestText) as { kairos?: unknown } | null)?.kairos)
  } catch {
    return true
  }
}

/**
 * Loads node packages from `dirs`. Each entry is a folder of package folders, or a node
 * package itself (a folder whose package.json has a "kairos" key). Every path looked at gets a
 * report: loaded, skipped, failed (a package whose import or definitions fail registers none of
 * its node types) or missing. Nothing here stops the server.
 */
export async function loadNodePlugins(dirs: string[], registry: NodeRegistry, log: LoaderLog): Promise<PluginReport[]> {
  const reports: PluginReport[] = []
  for (const dir of dirs) {
    const kind = await kindOf(dir)
    if (kind !== 'directory') {
      const reason = kind === 'missing' ? 'configured plugin folder does not exist' : 'configured plugin folder is not a directory'
      log.error(`plugins: ${dir}: ${reason}`)
      reports.push({ package: dir, path: dir, status: kind === 'missing' ? 'missing' : 'skipped', nodeTypes: [], reason, configured: dir, as: 'folder of packages' })
      continue
    }
    let ownManifest: string | null
    try {
      ownManifest = await readManifestText(dir)
    } catch (error) {
      const reason = (error as Error).message
      log.error(`plugins: ${dir}: ${reason}`)
      reports.push({ package: dir, path: dir, status: 'failed', nodeTypes: [], reason, error: reason, configured: dir, as: 'folder of packages' })
      continue
    }
    if (isNodePackage(ownManifest)) {
      reports.push(await loadOne(dir, { configured: dir, as: 'package' }, registry, log, ownManifest))
      continue
    }
    const base: Base = { configured: dir, as: 'folder of packages' }
    const names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort()
    const before = reports.length
    for (const name of names) reports.push(await loadOne(join(dir, name), base, registry, log))
    if (!reports.slice(before).some((r) => r.status !== 'skipped')) {
      const reason = names.length === 0 ? 'contains no package folders' : 'contains no node packages'
      log.error(`plugins: ${dir}: ${reason}`)
      reports.push({ package: basename(dir) || dir, path: dir, status: 'skipped', nodeTypes: [], reason, ...base })
    }
  }
  const loaded = reports.filter((r) => r.status === 'loaded')
  log.info(`plugins: set ${pluginSetHash(reports)} (${loaded.length} packages, ${loaded.reduce((n, r) => n + r.nodeTypes.length, 0)} node types)`)
  return reports
}

/**
 * A short hash of the loaded plugin set (package names and versions, node type@versions, sorted),
 * so processes can be compared: every API and worker process of one deployment should show the same.
 */
export function pluginSetHash(reports: PluginReport[]): string {
  const lines = reports
    .filter((r) => r.status === 'loaded')
    .map((r) => `${r.package}@${r.version ?? ''}:${[...r.nodeTypes].sort().join(',')}`)
    .sort()
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)
}
