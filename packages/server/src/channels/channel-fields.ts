/**
 * A node config field that names a channel: `x-kairos-channel: "<kind>"` on the field in the
 * node type's schema, or a list of the kinds it takes (send.sms 4: `["sms.http", "sms.aliyun", "sms.tencent"]`).
 */
export interface ChannelField {
  key: string
  /** The channel's name, as the node's config holds it. */
  name: string
  /** The kind the node needs the channel to be (the first, when it takes several). */
  kind: string
  /** Every kind the node takes. */
  kinds: string[]
  /** The config field holding the step's template for a template-only channel (`x-kairos-template-of: "<this key>"` on it), if the node has one. */
  templateKey?: string
}

/**
 * The channels a node's config names, read from its type's config schema. What publishing
 * checks (flows/channel-problems.ts) and what makes a channel in use (channel-users.ts).
 */
export function channelFields(configSchema: unknown, config: Record<string, unknown> | undefined): ChannelField[] {
  const properties = (configSchema as { properties?: Record<string, Record<string, unknown>> } | undefined)?.properties ?? {}
  const fields: ChannelField[] = []
  for (const [key, schema] of Object.entries(properties)) {
    const marked = schema['x-kairos-channel']
    const kinds = typeof marked === 'string' ? [marked] : Array.isArray(marked) ? marked.filter((k): k is string => typeof k === 'string') : []
    const name = config?.[key]
    const templateKey = Object.keys(properties).find((k) => properties[k]?.['x-kairos-template-of'] === key)
    if (kinds.length > 0 && typeof name === 'string') fields.push({ key, name, kind: kinds[0]!, kinds, ...(templateKey ? { templateKey } : {}) })
  }
  return fields
}
