// Publish problems in words an operator reads: the server's schema messages (from Ajv) are
// exact but terse ("must NOT have fewer than 1 characters"). One message per field is kept
// when a pattern failure repeats what a clearer message on the same field already says.
import type { ErrorDetail } from '../api/types.ts'

const REWRITES: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^must NOT have fewer than 1 characters?$/, () => 'cannot be empty'],
  [/^must NOT have fewer than (\d+) characters$/, (m) => `needs at least ${m[1]} characters`],
  [/^must NOT have more than (\d+) characters$/, (m) => `is too long (at most ${m[1]} characters)`],
  [/^must NOT have fewer than 1 items$/, () => 'needs at least one entry'],
  [/^must NOT have fewer than (\d+) items$/, (m) => `needs at least ${m[1]} entries`],
  [/^must have required property '(.+)'$/, (m) => `${m[1]} is required`],
  [/^must match pattern .*$/, () => 'has the wrong format'],
  [/^must be equal to one of the allowed values$/, () => 'is not one of the choices'],
]

function rewrite(message: string): string {
  for (const [pattern, text] of REWRITES) {
    const match = message.match(pattern)
    if (match) return text(match)
  }
  return message
}

export function humanizeProblems(details: ErrorDetail[]): ErrorDetail[] {
  const key = (d: ErrorDetail) => `${d.node ?? ''}\u0000${d.field}`
  const hasOther = new Set(details.filter((d) => !d.message.startsWith('must match pattern')).map(key))
  return details
    .filter((d) => !(d.message.startsWith('must match pattern') && hasOther.has(key(d))))
    .map((d) => ({ ...d, message: rewrite(d.message) }))
}
