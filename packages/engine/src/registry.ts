import type { AnyNodeDefinition } from '@kairos/sdk'

/**
 * The node types the engine knows, by type and version. Versions live side by
 * side: a published flow keeps running on the version it was published with.
 */
export class NodeRegistry {
  #byKey = new Map<string, AnyNodeDefinition>()
  #latest = new Map<string, AnyNodeDefinition>()

  /** Adds a definition; a second one with the same type and version is refused. */
  register(definition: AnyNodeDefinition): void {
    const key = `${definition.type}@${definition.version}`
    if (this.#byKey.has(key)) throw new Error(`node type ${key} is already registered`)
    this.#byKey.set(key, definition)
    const latest = this.#latest.get(definition.type)
    if (!latest || latest.version < definition.version) this.#latest.set(definition.type, definition)
  }

  /** The definition for a type at a version, or its newest version when `version` is absent. */
  get(type: string, version?: number): AnyNodeDefinition | undefined {
    return version === undefined ? this.#latest.get(type) : this.#byKey.get(`${type}@${version}`)
  }

  has(type: string, version?: number): boolean {
    return this.get(type, version) !== undefined
  }

  /** Every registered definition, sorted by type then version. */
  list(): AnyNodeDefinition[] {
    return [...this.#byKey.values()].sort((a, b) => a.type.localeCompare(b.type) || a.version - b.version)
  }
}
