import { Context, Liquid, type Template } from 'liquidjs'
import type { ContactSnapshot, EventSnapshot } from './contact.ts'
import type { Problem } from './problem.ts'
import { explainTemplateError, TEMPLATE_LIMITS, TemplateLimitError } from './template-limits.ts'
import { guardRenderer, NO_FILES, refuseFileTags, registerTrackFilter, startRenderClock, useLinks, type LinkTracker } from './template-sandbox.ts'

export { TEMPLATE_LIMITS, TemplateLimitError, type TemplateLimit } from './template-limits.ts'
export { FILE_TAGS, NO_LINK_TRACKER, type LinkTracker } from './template-sandbox.ts'

// Templates are self-contained: no tag reads a file (see refuseFileTags), and the file system,
// roots and relative references liquidjs would look partials up in are all empty.
const liquid = new Liquid({
  strictFilters: true,
  cache: false,
  ownPropertyOnly: true,
  fs: NO_FILES,
  root: [],
  partials: [],
  layouts: [],
  relativeReference: false,
  parseLimit: TEMPLATE_LIMITS.parseCharacters,
  renderLimit: TEMPLATE_LIMITS.renderMs,
  memoryLimit: TEMPLATE_LIMITS.memory,
})
refuseFileTags(liquid)
registerTrackFilter(liquid)
guardRenderer(liquid)

// Parsed templates by source. Bounded by total source length as well as by count, since the
// preview parses whatever an editor types.
const parsed = new Map<string, Template[]>()
const CACHE_ENTRIES = 2000
const CACHE_CHARACTERS = 20 * TEMPLATE_LIMITS.parseCharacters
let cachedCharacters = 0

/**
 * Parses a Liquid template, caching the result; throws a LiquidError with the line on bad
 * syntax or a refused tag, or a TemplateLimitError past `TEMPLATE_LIMITS.parseCharacters`.
 */
export function parseTemplate(source: string): Template[] {
  let templates = parsed.get(source)
  if (!templates) {
    try {
      templates = liquid.parse(source)
    } catch (error) {
      throw explainTemplateError(error)
    }
    while (parsed.size >= CACHE_ENTRIES || (parsed.size > 0 && cachedCharacters + source.length > CACHE_CHARACTERS)) {
      const oldest = parsed.keys().next().value as string
      parsed.delete(oldest)
      cachedCharacters -= oldest.length
    }
    parsed.set(source, templates)
    cachedCharacters += source.length
  }
  return templates
}

/** Problems with a template, for publish-time validation of the field that holds it. */
export function validateTemplate(source: unknown, field: string): Problem[] {
  if (typeof source !== 'string') return [{ field, message: 'must be a text template' }]
  try {
    parseTemplate(source)
    return []
  } catch (error) {
    const message = (error as Error).message
    return [{ field, message: error instanceof TemplateLimitError ? message : `template does not parse: ${message}` }]
  }
}

/** The variables a message template sees: `contact`, `event`, `run`, plus extras. */
export function templateScope(
  contact: ContactSnapshot,
  event: EventSnapshot | undefined,
  run: { id: string; flowId: string },
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    contact: { ...contact.attributes, id: contact.id, externalId: contact.externalId, tags: contact.tags, ownerId: contact.ownerId },
    event: event ?? null,
    run,
    // The last coupon issued to the contact (the coupon node keeps it on the contact).
    coupon: contact.attributes.coupon ?? null,
    ...extra,
  }
}

/** What a render may use besides its scope. */
export interface RenderOptions {
  /**
   * Makes the short links of the `track` filter (`{{ "https://shop.example/p/1" | track }}`).
   * Without one, a template using `track` fails with NO_LINK_TRACKER's message.
   */
  links?: LinkTracker
}

/**
 * Renders a template against a scope within `TEMPLATE_LIMITS`. Rejects with a TemplateLimitError
 * naming the limit when one is exceeded, or with liquidjs's error (and its line) otherwise.
 */
export async function renderTemplate(source: string, scope: Record<string, unknown>, options: RenderOptions = {}): Promise<string> {
  const templates = parseTemplate(source)
  // Our own Context, so the render's clock is known to guardRenderer; liquidjs starts the
  // renderLimit deadline when the Context is made.
  const ctx = new Context(scope, liquid.options, {}, { liquid })
  startRenderClock(ctx)
  if (options.links) useLinks(ctx, options.links)
  try {
    return await liquid.render(templates, ctx)
  } catch (error) {
    throw explainTemplateError(error)
  }
}
