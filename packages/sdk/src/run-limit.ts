import type { NodeServices } from './services.ts'

/** How long a node's `run()` may take by default, in ms (the server's KAIROS_NODE_RUN_TIMEOUT_MS). */
export const RUN_TIME_LIMIT_MS = 5000

/** A `run()` that did not finish within its limit. Its run fails with this message; the batch goes on. */
export class RunTimeLimitError extends Error {
  override name = 'RunTimeLimitError'
  readonly node: string

  /** `node` is `type@version`. */
  constructor(node: string, nodeId: string, limitMs: number) {
    super(`node type ${node} (node "${nodeId}") did not finish run() within ${limitMs} ms; its services are closed`)
    this.node = node
  }
}

/**
 * `work()`, or a rejection with `onTimeout()` once `ms` have passed. The
 * work is not stopped, only no longer waited for: pair it with a `StepGate`
 * and `guardServices` so that what it does afterwards is refused. A run() stuck
 * in a synchronous loop never yields to the timer, so no limit inside the
 * process can end it; only asynchronous waits (a request, a promise that
 * never settles) are cut off.
 */
export function withinTimeLimit<T>(work: () => Promise<T> | T, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms)
    Promise.resolve()
      .then(work)
      .then(resolve, reject)
      .finally(() => clearTimeout(timer))
  })
}

/**
 * Whether one step's services may still be used: open while its `run()`
 * runs, closed when the step is over or its time ran out. The reason is made
 * only when a late call needs it (a step's end is on the hot path of every
 * run; an Error with its stack per step is not free).
 */
export class StepGate {
  #why: (() => Error) | undefined
  #error: Error | undefined

  get closed(): boolean {
    return this.#why !== undefined
  }

  /** Closes the gate, unless it already is, with the error later calls get. */
  close(why: Error | (() => Error)): void {
    this.#why ??= typeof why === 'function' ? why : () => why
  }

  /** The error calls get now, or undefined while the gate is open. */
  refusal(): Error | undefined {
    return this.#why && (this.#error ??= this.#why())
  }

  /** Throws `refusal()` once the gate is closed: a service checks before each write it makes. */
  check(): void {
    const refusal = this.refusal()
    if (refusal) throw refusal
  }
}

/**
 * The services as one step's `run()` sees them: every call is refused (the
 * promise rejects with the gate's refusal) once `gate` closes, when the step
 * is over or its time ran out. Calls look the service up when made, so a
 * service swapped on the original object (`runNode`'s `patch`) is used; a
 * group is wrapped when first used.
 */
export function guardServices(services: NodeServices, gate: StepGate): NodeServices {
  const wrapped = new Map<PropertyKey, unknown>()
  const wrap = (group: object) =>
    new Proxy(group, {
      get(target, property) {
        const value = Reflect.get(target, property)
        if (typeof value !== 'function') return value
        return (...args: unknown[]) => (gate.closed ? Promise.reject(gate.refusal()) : value.apply(target, args))
      },
    })
  return new Proxy(services, {
    get(target, name) {
      const group = Reflect.get(target, name)
      if (group === null || typeof group !== 'object') return group
      let guarded = wrapped.get(name)
      if (!guarded) wrapped.set(name, (guarded = wrap(group)))
      return guarded
    },
  })
}

/** Why a step's services refuse calls once its `run()` returned. */
export const stepOver = (node: string, nodeId: string) => new Error(`node type ${node} (node "${nodeId}") used its services after its run() ended`)
