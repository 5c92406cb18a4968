import { performance } from 'node:perf_hooks'
import { Tag, type Context, type Emitter, type FilterImplOptions, type FS, type Liquid, type Template } from 'liquidjs'
import { BoundedEmitter, TEMPLATE_LIMITS } from './template-limits.ts'

/** Tags that read other templates from files; Kairos templates are self-contained. */
export const FILE_TAGS = ['include', 'render', 'layout'] as const

/** Registers each of `FILE_TAGS` as a tag that refuses to parse, so a template using one fails validation. */
export function refuseFileTags(liquid: Liquid): void {
  for (const name of FILE_TAGS) {
    liquid.registerTag(
      name,
      class extends Tag {
        constructor(...args: ConstructorParameters<typeof Tag>) {
          super(...args)
          throw new Error(`the "${name}" tag is not allowed: templates cannot read files`)
        }
        *render(): Generator<unknown, void> {}
      },
    )
  }
}

const refuse = (): never => {
  throw new Error('templates cannot read files')
}

/** A liquidjs file system with no files, should any path of liquidjs still look one up. */
export const NO_FILES: FS = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async () => refuse(),
  readFileSync: refuse,
  resolve: refuse,
  contains: async () => false,
  containsSync: () => false,
}

type FilterHandler = Extract<FilterImplOptions, (...args: never[]) => unknown>
type FilterImpl = ThisParameterType<FilterHandler>

// One per render, keyed by the render's time Limiter: liquidjs shares it with the contexts it
// spawns for filter items, so they find the clock too.
const clocks = new WeakMap<object, { yieldedAt: number }>()

/** Marks a context as one async render whose loops and filters take turns with the event loop. */
export function startRenderClock(ctx: Context): void {
  clocks.set(ctx.renderLimit, { yieldedAt: performance.now() })
}

/**
 * A promise that resolves on the next turn of the event loop, once the render has run
 * `yieldEveryMs` since its last turn; checks the render deadline first (liquidjs's own check
 * runs only between template nodes, not inside a filter walking an array).
 */
function turnDue(ctx: Context): Promise<void> | undefined {
  const clock = ctx.sync ? undefined : clocks.get(ctx.renderLimit)
  if (!clock) return undefined
  const now = performance.now()
  if (now - clock.yieldedAt < TEMPLATE_LIMITS.yieldEveryMs) return undefined
  ctx.renderLimit.check(now)
  return new Promise((resolve) =>
    setImmediate(() => {
      clock.yieldedAt = performance.now()
      resolve()
    }),
  )
}

/**
 * liquidjs renders with generators that an async render resolves on microtasks only, so a long
 * render holds the event loop (HTTP, the worker) until it ends or hits renderLimit. This makes
 * every block it renders (the top level, each loop iteration, if/case bodies, captures) and
 * every generator filter (where, map, group_by, sort by property…, once per item) take a turn
 * every `yieldEveryMs`, and makes blocks without an emitter of their own (captures) collect into
 * a BoundedEmitter, so output is counted there too.
 *
 * It wraps public members (`liquid.renderer.renderTemplates`, which liquidjs's block tags call for
 * their bodies, and `liquid.filters`), so call it after registering any filter of one's own. The
 * stall tests in templates.test.ts fail if a liquidjs upgrade stops going through them.
 */
export function guardRenderer(liquid: Liquid): void {
  const renderer = liquid.renderer
  const renderTemplates = renderer.renderTemplates.bind(renderer)
  renderer.renderTemplates = function* (templates: Template[], ctx: Context, emitter?: Emitter): IterableIterator<unknown> {
    const turn = turnDue(ctx)
    if (turn) yield turn
    return yield* renderTemplates(templates, ctx, emitter ?? new BoundedEmitter())
  }
  for (const [name, impl] of Object.entries(liquid.filters)) {
    const handler: FilterHandler = typeof impl === 'function' ? impl : impl.handler
    const paced: FilterHandler = function (this: FilterImpl, ...args: unknown[]) {
      const result = handler.apply(this, args as [unknown, ...unknown[]])
      return isGenerator(result) ? pace(result, this.context) : result
    }
    liquid.registerFilter(name, typeof impl === 'function' ? paced : { ...impl, handler: paced })
  }
}

function isGenerator(value: unknown): value is Generator<unknown, unknown, unknown> {
  return typeof (value as Generator | null)?.next === 'function' && typeof (value as Generator).throw === 'function'
}

/** Runs a filter's generator step by step as `yield*` would, taking turns between steps. */
function* pace(steps: Generator<unknown, unknown, unknown>, ctx: Context): Generator<unknown, unknown, unknown> {
  let step = steps.next()
  while (!step.done) {
    const turn = turnDue(ctx)
    if (turn) yield turn
    let input: unknown
    try {
      input = yield step.value
    } catch (error) {
      step = steps.throw(error)
      continue
    }
    step = steps.next(input)
  }
  return step.value
}

/**
 * Turns a target URL into the short tracked link a message carries. The server gives one per
 * step of a run (codes derived from the step's idempotency key, so a retried step makes the
 * same links), or one for previews whose links are visibly not live. `track` may throw to fail
 * the render (a target that is not an http(s) URL, no public base URL configured).
 */
export interface LinkTracker {
  track(target: string): string
}

/** Why a `track` filter rendered with no LinkTracker fails. */
export const NO_LINK_TRACKER =
  'the track filter makes short links on Kairos\' public base URL, and this server has none: set KAIROS_PUBLIC_URL (docs/tracking.md)'

// The render's LinkTracker, keyed by its time Limiter as the clock is (shared with spawned contexts).
const trackers = new WeakMap<object, LinkTracker>()

/** Gives one render its LinkTracker. */
export function useLinks(ctx: Context, links: LinkTracker): void {
  trackers.set(ctx.renderLimit, links)
}

/**
 * Registers the `track` filter: `{{ "https://shop.example/p/1" | track }}` renders the short
 * link the render's LinkTracker makes for it. Register it before guardRenderer wraps the filters.
 */
export function registerTrackFilter(liquid: Liquid): void {
  liquid.registerFilter('track', function (this: FilterImpl, target: unknown): string {
    const links = trackers.get(this.context.renderLimit)
    if (!links) throw new Error(NO_LINK_TRACKER)
    if (typeof target !== 'string' || target.trim() === '') throw new Error('the track filter needs a URL to link to, e.g. {{ "https://shop.example/p/1" | track }}')
    return links.track(target.trim())
  })
}
