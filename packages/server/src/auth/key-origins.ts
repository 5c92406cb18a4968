import { KairosError, type ErrorDetail } from '../errors.ts'

/** How many origins one public key may list. */
export const MAX_KEY_ORIGINS = 50

/**
 * Checks the origins a public key may be used from and returns them normalized (a trailing
 * slash dropped, duplicates removed). Each must be an exact origin, `https://shop.example` or
 * `http://127.0.0.1:8080`: no path, no wildcard, since the CORS answer repeats the one origin
 * that asked. Only `track` keys take origins; others are never used from a browser.
 */
export function checkKeyOrigins(origins: string[], isPublic: boolean): string[] {
  if (origins.length > 0 && !isPublic)
    throw new KairosError('KAIROS_VALIDATION', 'body.allowedOrigins is only for keys with the track scope', [
      { field: 'body.allowedOrigins', message: 'only a track (public) key has origins' },
    ])
  if (origins.length > MAX_KEY_ORIGINS)
    throw new KairosError('KAIROS_VALIDATION', `body.allowedOrigins lists more than ${MAX_KEY_ORIGINS} origins`, [
      { field: 'body.allowedOrigins', message: `at most ${MAX_KEY_ORIGINS}` },
    ])
  const problems: ErrorDetail[] = []
  const normalized = origins.map((raw, i) => {
    const origin = raw.trim().replace(/\/+$/, '')
    const parsed = URL.canParse(origin) ? new URL(origin) : undefined
    if (!parsed || parsed.origin !== origin || !/^https?:$/.test(parsed.protocol))
      problems.push({ field: `body.allowedOrigins[${i}]`, message: `must be an origin like https://shop.example (scheme, host and port only), got "${raw}"` })
    return origin
  })
  if (problems.length > 0) throw new KairosError('KAIROS_VALIDATION', `${problems[0].field} ${problems[0].message}`, problems)
  return [...new Set(normalized)]
}
