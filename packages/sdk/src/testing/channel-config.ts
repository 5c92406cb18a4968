import { validateAgainstSchema } from '../config-validation.ts'
import type { AnyChannelDefinition } from '../define-channel.ts'

/**
 * A channel's config as `PUT /api/channels/:name` would save it: fields left
 * undefined dropped, checked against the kind's schema with its defaults
 * filled in, and every destination `destinations()` gives for it an http(s)
 * URL or a host and port. Throws listing every problem, as the server refuses
 * such a config (400); the outbound guard is the server's and is not applied.
 */
export function channelConfig(definition: AnyChannelDefinition, config: unknown): Record<string, unknown> {
  const copy = structuredClone(config) as Record<string, unknown>
  if (copy !== null && typeof copy === 'object') for (const key of Object.keys(copy)) if (copy[key] === undefined) delete copy[key]
  const problems = validateAgainstSchema(definition.config, copy, 'config').map((p) => `${p.field} ${p.message}`)
  if (problems.length === 0)
    for (const destination of definition.destinations(copy))
      if ('url' in destination && !/^https?:$/.test(URL.parse(destination.url)?.protocol ?? '')) problems.push(`config.${destination.field} is not an http(s) URL`)
  if (problems.length > 0) throw new Error(`config refused: ${problems.join('; ')}`)
  return copy
}
