import { isIP } from 'node:net'
import { addressKey } from './address-class.ts'

/** One KAIROS_ALLOWED_HOSTS entry: a host name or IP address, and a port (any port when absent). */
export interface AllowedHost {
  /** Lower-case host name without a trailing dot, or an IP address as written. */
  host: string
  /** `addressKey` of `host` when it is an IP address. */
  address?: string
  port?: number
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/

/**
 * Parses `host`, `host:port`, `1.2.3.4:port`, `[::1]:port` or a bare IPv6
 * address; returns a message saying what is wrong instead of throwing.
 */
export function parseAllowedHost(entry: string): AllowedHost | string {
  const text = entry.trim().toLowerCase()
  let host = text
  let portText: string | undefined
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(text)
  if (bracketed) [, host, portText] = bracketed
  else if ((text.match(/:/g) ?? []).length === 1) [host, portText] = text.split(':')
  host = host.replace(/\.$/, '')
  const ip = isIP(host)
  if (bracketed && ip !== 6) return `"${entry}": only an IPv6 address goes in brackets`
  if (!ip && !HOST_NAME.test(host)) return `"${entry}" is not a host name or IP address (write host, host:port or [IPv6]:port)`
  let port: number | undefined
  if (portText !== undefined) {
    port = Number(portText)
    if (!/^\d+$/.test(portText) || port < 1 || port > 65535) return `"${entry}": the port must be a number from 1 to 65535`
  }
  return { host, ...(ip ? { address: addressKey(host) } : {}), ...(port === undefined ? {} : { port }) }
}

/**
 * Reads a comma-separated allow-list (KAIROS_ALLOWED_HOSTS), e.g.
 * `127.0.0.1:8025,sms.internal`; throws naming `variable` and the bad entry.
 */
export function parseAllowedHostList(list: string | undefined, variable = 'KAIROS_ALLOWED_HOSTS'): string[] {
  const entries = (list ?? '').split(',').map((e) => e.trim()).filter(Boolean)
  for (const entry of entries) {
    const parsed = parseAllowedHost(entry)
    if (typeof parsed === 'string') throw new Error(`${variable}: ${parsed}`)
  }
  return entries
}

/**
 * Whether the allow-list lets Kairos connect to `address` for a request to
 * `host`:`port`. An entry matches by name (the host the channel names) or by
 * address (what the name resolved to), and by port when it has one.
 */
export function isAllowed(list: AllowedHost[], host: string, address: string, port: number): boolean {
  const name = host.toLowerCase().replace(/\.$/, '')
  const key = addressKey(address)
  return list.some((entry) => (entry.port === undefined || entry.port === port) && (entry.host === name || (entry.address !== undefined && entry.address === key)))
}
