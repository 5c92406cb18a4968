import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { checkChannelDefinition, checkNodeDefinition, validateAgainstSchema, type AnyChannelDefinition, type AnyNodeDefinition } from '@kairos/sdk'
import type { NodeRegistry } from '@kairos/engine'
import { ChannelKindRegistry } from '../channels/channel-kind-registry.ts'

/**
 * What the loader found at one path it looked at:
 * - `loaded`: a plugin package whose definitions are all registered (`nodeTypes`, `channelKinds`);
 * - `skipped`: not a plugin package (`reason`: "not a directory", "no package.json",
 *   "package.json has no \"kairos\" key", "contains no package folders");
 * - `failed`: a plugin package of which nothing was registered (`reason`, and `definition` when one definition is at fault);
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
  /** The channel kinds it registered (`whatsapp.cloud`), from `"kairos": { "channels": [...] }`. */
  channelKinds: string[]
  /** Why it was skipped, failed or missing. */
  reason?: string
  /** Same as `reason` for `failed` (kept for clients that read `error`). */
  error?: string
  /** The definition that failed the package, as `module: type@version`, `module: channel kind` (or just the module). */
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

/** The definitions a package brings: node types and channel kinds. */
interface PackageDefinitions {
  nodes: AnyNodeDefinition[]
  channels: AnyChannelDefinition[]
}

/** The modules a manifest lists under `kairos.<key>`, or an error naming the key. */
function modulesListed(manifest: Record<string, unknown>, key: 'nodes' | 'channels'): string[] {
  const entries = (manifest.kairos as Record<string, unknown>)[key]
  if (entries === undefined) return []
  if (!Array.isArray(entries) || !entries.every((e) => typeof e === 'string'))
    throw new Error(`package.json "kairos.${key}" must list the modules that export ${key === 'nodes' ? 'node' : 'channel'} definitions`)
  return entries as string[]
}

/** A module's default export as a list (a module may export one definition or an array). */
async function importExports(path: string, entry: string): Promise<unknown[]> {
  let module: { default?: unknown }
  try {
    module = (await import(pathToFileURL(resolve(path, entry)).href)) as { default?: unknown }
  } catch (error) {
    throw new DefinitionError(entry, `import failed: ${(error as Error).message}`)
  }
  return Array.isArray(module.default) ? module.default : [module.default]
}

/** Compiling a config schema now turns a broken schema into a load failure instead of a 500 at publish or save. */
function compileConfig(key: string, schema: unknown): void {
  try {
    validateAgainstSchema(schema as object, {})
  } catch (error) {
    throw new DefinitionError(key, `invalid config schema: ${(error as Error).message}`)
  }
}

/** Imports and checks every definition of a package; registers nothing. */
async function importDefinitions(path: string, manifest: Record<string, unknown>): Promise<PackageDefinitions> {
  const nodeModules = modulesListed(manifest, 'nodes')
  const channelModules = modulesListed(manifest, 'channels')
  if (nodeModules.length + channelModules.length === 0)
    throw new Error('package.json must list the modules that export node definitions in "kairos.nodes", or channel definitions in "kairos.channels"')
  const found: PackageDefinitions = { nodes: [], channels: [] }
  for (const entry of nodeModules)
    for (const candidate of await importExports(path, entry)) {
      const problems = checkNodeDefinition(candidate)
      if (problems.length > 0) throw new DefinitionError(entry, `not a node definition: ${problems.join('; ')}`)
      const definition = candidate as AnyNodeDefinition
      compileConfig(`${entry}: ${definition.type}@${definition.version}`, definition.config)
      found.nodes.push(definition)
    }
  for (const entry of channelModules)
    for (const candidate of await importExports(path, entry)) {
      const problems = checkChannelDefinition(candidate)
      if (problems.length > 0) throw new DefinitionError(entry, `not a channel definition: ${problems.join('; ')}`)
      const definition = candidate as AnyChannelDefinition
      compileConfig(`${entry}: ${definition.kind}`, definition.config)
      found.channels.push(definition)
    }
  return found
}

/** The registries plugin definitions go into. */
interface Registries {
  nodes: NodeRegistry
  channels: ChannelKindRegistry
}

/** Registers all of a package's definitions or, when one clashes, none of them. */
function registerAll(definitions: PackageDefinitions, registries: Registries): void {
  const seen = new Set<string>()
  for (const d of definitions.nodes) {
    const key = `${d.type}@${d.version}`
    if (registries.nodes.has(d.type, d.version)) throw new DefinitionError(key, 'already provided by another package')
    if (seen.has(key)) throw new DefinitionError(key, 'defined twice in this package')
    seen.add(key)
  }
  const kinds = new Set<string>()
  for (const d of definitions.channels) {
    const key = `channel kind ${d.kind}`
    if (registries.channels.has(d.kind)) throw new DefinitionError(key, 'already provided by another package')
    if (kinds.has(d.kind)) throw new DefinitionError(key, 'defined twice in this package')
    kinds.add(d.kind)
  }
  for (const definition of definitions.nodes) registries.nodes.register(definition)
  for (const definition of definitions.channels) registries.channels.register(definition)
}

type Base = Pick<PluginReport, 'configured' | 'as'>

/** A report of a path that registered nothing. */
const nothing = (fields: Omit<PluginReport, 'nodeTypes' | 'channelKinds'>): PluginReport => ({ ...fields, nodeTypes: [], channelKinds: [] })

/** Looks at one folder that should be a plugin package and says what became of it. */
async function loadOne(path: string, base: Base, registries: Registries, log: LoaderLog, manifestText?: string | null): Promise<PluginReport> {
  const skipped = (reason: string, name = path): PluginReport => {
    log.info(`plugins: ${path} skipped: ${reason}`)
    return nothing({ package: name, path, status: 'skipped', reason, ...base })
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
    registerAll(definitions, registries)
    const nodeTypes = definitions.nodes.map((d) => `${d.type}@${d.version}`)
    const channelKinds = definitions.channels.map((d) => d.kind)
    log.info(`plugin ${name}: loaded ${[...nodeTypes, ...channelKinds.map((k) => `channel kind ${k}`)].join(', ')}`)
    return { package: name, path, ...(version ? { version } : {}), status: 'loaded', nodeTypes, channelKinds, ...base }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const definition = error instanceof DefinitionError ? { definition: error.definition } : {}
    log.error(`plugin ${name} (${path}) failed, none of its node types or channel kinds registered: ${reason}`)
    return nothing({ package: name, path, ...(version ? { version } : {}), status: 'failed', reason, error: reason, ...definition, ...base })
  }
}

/**
 * Whether a configured folder is a plugin package itself (a package.json with a "kairos" key).
 * A package.json that is not JSON counts as one, so that loading it reports the parse error
 * instead of the folder being read as a folder of packages and the mistake passing unsaid.
 */
function isPluginPackage(manifestText: string | null): boolean {
  if (manifestText === null) return false
  try {
    return Boolean((JSON.parse(manifestText) as { kairos?: unknown } | null)?.kairos)
  } catch {
    return true
  }
}

/**
 * Loads plugin packages from `dirs`: their node types into `registry`, their channel kinds
 * into `channelKinds` (a registry of their own when not given, for callers that want node
 * types only). Each entry is a folder of package folders, or a package itself (a folder whose
 * package.json has a "kairos" key); a folder listed twice is read once. Every path looked at
 * gets a report: loaded, skipped, failed (a package whose import or definitions fail, or
 * clash with another package's, registers none of them) or missing. Nothing here stops the server.
 */
export async function loadNodePlugins(dirs: string[], registry: NodeRegistry, log: LoaderLog, channelKinds = new ChannelKindRegistry()): Promise<PluginReport[]> {
  const registries: Registries = { nodes: registry, channels: channelKinds }
  const reports: PluginReport[] = []
  for (const dir of new Set(dirs.map((d) => resolve(d)))) {
    const kind = await kindOf(dir)
    if (kind !== 'directory') {
      const reason = kind === 'missing' ? 'configured plugin folder does not exist' : 'configured plugin folder is not a directory'
      log.error(`plugins: ${dir}: ${reason}`)
      reports.push(nothing({ package: dir, path: dir, status: kind === 'missing' ? 'missing' : 'skipped', reason, configured: dir, as: 'folder of packages' }))
      continue
    }
    let ownManifest: string | null
    try {
      ownManifest = await readManifestText(dir)
    } catch (error) {
      const reason = (error as Error).message
      log.error(`plugins: ${dir}: ${reason}`)
      reports.push(nothing({ package: dir, path: dir, status: 'failed', reason, error: reason, configured: dir, as: 'folder of packages' }))
      continue
    }
    if (isPluginPackage(ownManifest)) {
      reports.push(await loadOne(dir, { configured: dir, as: 'package' }, registries, log, ownManifest))
      continue
    }
    const base: Base = { configured: dir, as: 'folder of packages' }
    const names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort()
    const before = reports.length
    for (const name of names) reports.push(await loadOne(join(dir, name), base, registries, log))
    if (!reports.slice(before).some((r) => r.status !== 'skipped')) {
      const reason = names.length === 0 ? 'contains no package folders' : 'contains no node packages'
      log.error(`plugins: ${dir}: ${reason}`)
      reports.push(nothing({ package: basename(dir) || dir, path: dir, status: 'skipped', reason, ...base }))
    }
  }
  const loaded = reports.filter((r) => r.status === 'loaded')
  const count = (of: (r: PluginReport) => string[]) => loaded.reduce((n, r) => n + of(r).length, 0)
  log.info(`plugins: set ${pluginSetHash(reports)} (${loaded.length} packages, ${count((r) => r.nodeTypes)} node types, ${count((r) => r.channelKinds)} channel kinds)`)
  return reports
}

/**
 * A short hash of the loaded plugin set (package names and versions, node type@versions and
 * channel kinds, sorted), so processes can be compared: every API and worker process of one
 * deployment should show the same.
 */
export function pluginSetHash(reports: PluginReport[]): string {
  const lines = reports
    .filter((r) => r.status === 'loaded')
    .map((r) => `${r.package}@${r.version ?? ''}:${[...r.nodeTypes].sort().join(',')}${r.channelKinds.length > 0 ? `;channels:${[...r.channelKinds].sort().join(',')}` : ''}`)
    .sort()
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)
}
