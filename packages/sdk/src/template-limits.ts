import { toValue, type Emitter } from 'liquidjs'

/**
 * The limits every message template runs under, in the preview and in send steps alike.
 * Message templates are written by operators in the editor, so they are not trusted code.
 *
 * - `parseCharacters` (100,000): the template's length. Gmail clips an email past 102 kB, so a
 *   longer template is not a working message; parsing is linear, 100 kB takes milliseconds.
 * - `renderMs` (1,000): wall time of one render. Real message templates render in well under a
 *   millisecond; a second is a thousand times that, and bounds how long a runaway loop holds a
 *   send step (and the transaction of its batch).
 * - `memory` (1,000,000): liquidjs's count of what it allocates (range and array items from
 *   `(1..n)`, split, concat, map, where…, characters from append, replace, escape, join…), summed
 *   over one render. It is charged before allocating, so `(1..100000000)` fails at once instead of
 *   building a hundred million numbers. It also bounds the arrays a single filter walks: one
 *   `sort` of the largest array allowed runs for tens of milliseconds, not seconds.
 * - `outputCharacters` (1,000,000): the rendered text and any `capture` buffer, which liquidjs does
 *   not count. Ten times the largest sensible email, and far past any SMS.
 * - `yieldEveryMs` (10): a render longer than this hands the event loop a turn every 10 ms
 *   (see template-sandbox.ts), so a runaway template never stalls HTTP or the worker for longer.
 */
export const TEMPLATE_LIMITS = {
  parseCharacters: 100_000,
  renderMs: 1_000,
  memory: 1_000_000,
  outputCharacters: 1_000_000,
  yieldEveryMs: 10,
} as const

/** Which limit a template went over. */
export type TemplateLimit = 'parse' | 'render' | 'memory' | 'output'

const LIMIT_MESSAGES: Record<TemplateLimit, string> = {
  parse: `template exceeded the size limit (${TEMPLATE_LIMITS.parseCharacters} characters)`,
  render: `template exceeded the render time limit (${TEMPLATE_LIMITS.renderMs} ms)`,
  memory: `template exceeded the memory limit (${TEMPLATE_LIMITS.memory} values and characters allocated)`,
  output: `template exceeded the output limit (${TEMPLATE_LIMITS.outputCharacters} characters)`,
}

/** A template went over one of `TEMPLATE_LIMITS`; the message names the limit and its value. */
export class TemplateLimitError extends Error {
  readonly limit: TemplateLimit

  constructor(limit: TemplateLimit) {
    super(LIMIT_MESSAGES[limit])
    this.name = 'TemplateLimitError'
    this.limit = limit
  }
}

// liquidjs's Limiter throws an AssertionError `${resource} limit exceeded`, wrapped in a
// RenderError or ParseError (as `originalError`) on its way out; these are its resources.
const LIQUID_LIMITS: Record<string, TemplateLimit> = {
  'parse length limit exceeded': 'parse',
  'template render limit exceeded': 'render',
  'memory alloc limit exceeded': 'memory',
}

/** What to report for an error liquidjs threw: a TemplateLimitError when a limit caused it, else the error itself. */
export function explainTemplateError(error: unknown): unknown {
  for (let cause = error; cause instanceof Error; cause = (cause as { originalError?: unknown }).originalError) {
    if (cause instanceof TemplateLimitError) return new TemplateLimitError(cause.limit)
    const limit = cause.name === 'AssertionError' ? LIQUID_LIMITS[cause.message] : undefined
    if (limit) return new TemplateLimitError(limit)
  }
  return error
}

// The same as liquidjs's own emitter does (its internal `stringify`).
function stringify(value: unknown): string {
  value = toValue(value)
  if (typeof value === 'string') return value
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.map(stringify).join('')
  return String(value)
}

/** Collects rendered text, refusing to grow past `TEMPLATE_LIMITS.outputCharacters`. */
export class BoundedEmitter implements Emitter {
  buffer = ''

  write(html: unknown): void {
    const text = stringify(html)
    if (this.buffer.length + text.length > TEMPLATE_LIMITS.outputCharacters) throw new TemplateLimitError('output')
    this.buffer += text
  }
}
