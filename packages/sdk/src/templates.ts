import { Liquid, type Template } from 'liquidjs'
import type { ContactSnapshot, EventSnapshot } from './contact.ts'
import type { Problem } from './problem.ts'

const liquid = new Liquid({ strictFilters: true, cache: false, ownPropertyOnly: true })
const parsed = new Map<string, Template[]>()
const CACHE_LIMIT = 2000

/** Parses a Liquid template, caching the result; throws a LiquidError with the line on bad syntax. */
export function parseTemplate(source: string): Template[] {
  let templates = parsed.get(source)
  if (!templates) {
    templates = liquid.parse(source)
    if (parsed.size >= CACHE_LIMIT) parsed.delete(parsed.keys().next().value as string)
    parsed.set(source, templates)
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
    return [{ field, message: `template does not parse: ${(error as Error).message}` }]
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

export async function renderTemplate(source: string, scope: Record<string, unknown>): Promise<string> {
  return liquid.render(parseTemplate(source), scope)
}
