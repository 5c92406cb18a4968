import { randomInt } from 'node:crypto'

const LETTERS_DIGITS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
const DIGITS = '0123456789'

/**
 * A code from a pattern: text outside braces is kept; inside `{…}`, `X` is a
 * letter or digit (no look-alikes such as O/0 and I/1), `9` a digit.
 * `RENEW-{XXXXXX}` → `RENEW-7KQ2MP`. Random from a CSPRNG: codes are not guessable.
 */
export function codeFromPattern(pattern: string): string {
  return pattern.replace(/\{([X9]+)\}/g, (_, slots: string) =>
    [...slots].map((slot) => (slot === '9' ? DIGITS : LETTERS_DIGITS)[randomInt(slot === '9' ? 10 : LETTERS_DIGITS.length)]).join(''),
  )
}

/** How many different codes a pattern can make (so a node can refuse patterns too small to stay unique). */
export function patternSpace(pattern: string): number {
  let space = 1
  for (const [, slots] of pattern.matchAll(/\{([X9]+)\}/g)) for (const slot of slots) space *= slot === '9' ? 10 : LETTERS_DIGITS.length
  return space
}
