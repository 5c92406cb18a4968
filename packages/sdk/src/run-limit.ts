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
 * `work()`, or a rejection with `onTimeout()` once it has run `ms` of its own
 * time. The clock stops while one of the step's service calls is in flight
 * (`gate` counts them, through `guardServices`): the limit is on the plugin's
 * code, not on Kairos' own waits (a row lock another batch holds until it
 * commits, the batch's connection busy with an earlier query), so it fires
 * only while no service call is pending. The work is not stopped, only no
 * longer waited for: `onTimeout` closes the gate so that what it does
 * afterwards is refused. A run() stuck in a synchronous loop never yields to
 * the timer, so no limit inside the process can end it; only asynchronous
 * waits of its own (a request, a promise that never settles) are cut off.
 */
export function withinTimeLimit<T>(work: () => Promise<T> | T, ms: number, gate: StepGate, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let left = ms
    let since = 0
    let timer: ReturnType<typeof setTimeout> | undefined
    const run = () => {
      since = performance.now()
      timer = setTimeout(() => {
        gate.timeBy(undefined)
        reject(onTimeout())
      }, left)
    }
    const pause = () => {
      clearTimeout(timer)
      left -= performance.now() - since
    }
    gate.timeBy({ pause, run })
    run()
    Promise.resolve()
      .then(work)
      .then(resolve, reject)
      .finally(() => {
        gate.timeBy(undefined)
        clearTimeout(timer)
      })
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
  #inFlight = 0
  #clock: { pause(): void; run(): void } | undefined

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

  /** How many service calls are in flight (made and not yet settled). */
  get inFlight(): number {
    return this.#inFlight
  }

  /**
   * `call()`, counted as in flight until the promise it returns settles: the
   * step's time limit is paused from the first call in flight to the last.
   */
  track<T>(call: () => T): T {
    const result = call()
    if (typeof (result as { then?: unknown } | null)?.then !== 'function') return result
    if (this.#inFlight++ === 0) this.#clock?.pause()
    return Promise.resolve(result).finally(() => {
      if (--this.#inFlight === 0) this.#clock?.run()
    }) as T
  }

  /** The time limit `track` pauses and runs again (`withinTimeLimit`'s), or none once the step's run() is over. */
  timeBy(clock: { pause(): void; run(): void } | undefined): void {
    this.#clock = clock
  }
}

/**
 * The services as one step's `run()` sees them: every call is refused (the
 * promise rejects with the gate's refusal) once `gate` closes, when the step
 * is over or its time ran out, and counted in flight by the gate until it
 * settles (the time limit does not run meanwhile). Calls look the service up when made, so a
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
        return (...args: unknown[]) => (gate.closed ? Promise.reject(gate.refusal()) : gate.track(() => value.apply(target, args)))
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
