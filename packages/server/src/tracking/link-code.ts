import { createHmac } from 'node:crypto'

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** Characters in a link code: 62^10 ≈ 8·10^17 codes, short enough for an SMS (`<base>/c/Ab3dE5gH9k`). */
export const CODE_LENGTH = 10

/** What a stored link code looks like; anything else is not one (a preview link, a typo, a probe). */
export const CODE_PATTERN = /^[0-9A-Za-z]{10}$/

/**
 * The code of a link: the HMAC-SHA256 of `seed` (the step's idempotency key and the link's
 * place, e.g. `run:42:3:link:0`) under the installation's tracking key, in base 62. The same
 * step makes the same code when it is retried; without the key, no code can be guessed from
 * run ids and step numbers, which are sequential.
 */
export function linkCode(key: Buffer, seed: string): string {
  let n = createHmac('sha256', key).update(seed).digest().readBigUInt64BE(0)
  let code = ''
  for (let i = 0; i < CODE_LENGTH; i++) {
    code += ALPHABET[Number(n % 62n)]
    n /= 62n
  }
  return code
}

/**
 * The code a preview's n-th link carries (template preview, journey simulation): as long as a
 * real code, so message lengths are right, but with a `-` no real code has, so it is never
 * stored, never counted, and its page says it is a preview.
 */
export const previewCode = (n: number): string => `preview-${String(n + 1).padStart(2, '0')}`

export const isPreviewCode = (code: string): boolean => /^preview-\d{2,}$/.test(code)

/** The short link of a click code and the open pixel of an open code, on the public base URL. */
export const clickUrl = (base: string, code: string): string => `${base}/c/${code}`
export const pixelUrl = (base: string, code: string): string => `${base}/o/${code}.gif`
