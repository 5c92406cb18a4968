import type { AnyChannelDefinition } from '@kairos/sdk'

/**
 * The channel kinds this process knows, by name: the built-in ones (channels/)
 * and those of plugin packages, all loaded by the plugin loader. A Map, so a
 * name from a request ("toString", "constructor") finds nothing rather than
 * Object.prototype's own.
 */
export class ChannelKindRegistry {
  readonly #kinds = new Map<string, AnyChannelDefinition>()

  /** Adds a kind; a second one of the same name is refused. */
  register(definition: AnyChannelDefinition): void {
    if (this.#kinds.has(definition.kind)) throw new Error(`channel kind ${definition.kind} is already registered`)
    this.#kinds.set(definition.kind, definition)
  }

  get(kind: string): AnyChannelDefinition | undefined {
    return this.#kinds.get(kind)
  }

  has(kind: string): boolean {
    return this.#kinds.has(kind)
  }

  /** Every kind, sorted by name. */
  list(): AnyChannelDefinition[] {
    return [...this.#kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind))
  }
}
