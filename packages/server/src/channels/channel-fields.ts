/** A node config field that names a channel: `x-kairos-channel: "<kind>"` on the field in the node type's schema. */
export interface ChannelField {
  key: string
  /** The channel's name, as the node's config holds it. */
  name: string
  /** The kind the node needs the channel to be. */
  kind: string
}

/**
 * The channels a node's config names, read from its type's config schema. What publishing
 * checks (flows/channel-problems.ts) and what makes a channel in use (channel-users.ts).
 */
export function channelFields(configSchema: unknown, config: Record<string, unknown> | undefined): ChannelField[] {
  const properties = (configSchema as { properties?: Record<string, Record<string, unknown>> } | undefined)?.properties ?? {}
  const fields: ChannelField[] = []
  for (const [key, schema] of Object.entries(properties)) {
    const kind = schema['x-kairos-channel']
    const name = config?.[key]
    if (typeof kind === 'string' && typeof name === 'string') fields.push({ key, name, kind })
  }
  return fields
}
