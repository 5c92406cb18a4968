import { lookup } from 'node:dns/promises'
import { isIP, type LookupFunction } from 'node:net'
import { classifyAddress, embeddedIPv4, type AddressClass } from './address-class.ts'
import { isAllowed, parseAllowedHost, type AllowedHost } from './allowed-hosts.ts'

/** An address the guard accepted for a host, to connect to and nothing else. */
export interface CheckedAddress {
  address: string
  family: 4 | 6
}

/** How the guard turns a host name into addresses; `dns.lookup` (getaddrinfo, /etc/hosts included) by default. */
export type Resolver = (host: string) => Promise<CheckedAddress[]>

const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, order: 'verbatim' })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }))

const DESCRIBED: Record<Exclude<AddressClass, 'public'>, string> = {
  loopback: 'a loopback address',
  private: 'a private network address',
  'link-local': 'a link-local address',
  shared: 'a carrier-grade NAT (100.64.0.0/10) address',
  metadata: 'a cloud metadata service address',
  multicast: 'a multicast address',
  unspecified: 'an unspecified (0.0.0.0 / ::) address',
  broadcast: 'the broadcast address',
  reserved: 'a reserved address',
}

/**
 * A destination Kairos will not send to. Permanent: retrying reaches the
 * same address. The message names the host and address, never a path or
 * query (a WeCom robot URL carries its key there).
 */
export class OutboundRefused extends Error {
  override name = 'OutboundRefused'
}

/** Strips the brackets a URL puts around an IPv6 host. */
export const bareHost = (host: string) => (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host)

/**
 * The one check every outbound request passes (webhooks, HTTP SMS and call
 * providers, WeCom, SMTP): the host is resolved, and every address it
 * resolves to must be public unless KAIROS_ALLOWED_HOSTS lists the host or
 * the address. Callers then connect to the addresses that were checked (see
 * `lookupOnly`), so a DNS answer that changes between check and connect (DNS
 * rebinding) cannot send a request somewhere else.
 */
export class OutboundGuard {
  readonly #allowed: AllowedHost[]
  readonly #resolve: Resolver

  /** `allowed`: KAIROS_ALLOWED_HOSTS entries (`host`, `host:port`, `[v6]:port`); a bad one throws. */
  constructor(allowed: string[] = [], resolve: Resolver = systemResolver) {
    this.#allowed = allowed.map((entry) => {
      const parsed = parseAllowedHost(entry)
      if (typeof parsed === 'string') throw new Error(`KAIROS_ALLOWED_HOSTS: ${parsed}`)
      return parsed
    })
    this.#resolve = resolve
  }

  /**
   * Resolves `host` and returns its addresses when every one may be reached on
   * `port`; throws OutboundRefused naming the first that may not, or the
   * resolver's error when the name does not resolve.
   */
  async check(host: string, port: number): Promise<CheckedAddress[]> {
    const name = bareHost(host)
    const family = isIP(name)
    const addresses: CheckedAddress[] = family ? [{ address: name, family: family as 4 | 6 }] : await this.#resolve(name)
    if (addresses.length === 0) throw new Error(`${name} resolves to no address`)
    for (const { address } of addresses) {
      const cls = classifyAddress(address)
      if (cls === 'public' || isAllowed(this.#allowed, name, address, port)) continue
      const inner = embeddedIPv4(address)
      const what = `${DESCRIBED[cls]}${inner ? ` (IPv4 ${inner} inside)` : ''}`
      const subject = family ? `${address} is ${what}` : `${name} resolves to ${address}, ${what}`
      const example = family === 6 ? `[${name}]:${port}` : `${name}:${port}`
      throw new OutboundRefused(`${subject}; Kairos does not send there unless KAIROS_ALLOWED_HOSTS lists it (e.g. ${example})`)
    }
    return addresses
  }

  /**
   * The check as a configuration sees it: the reason a destination is
   * refused, or null when it is accepted or cannot be judged yet (the name
   * does not resolve now; it is checked again when something is sent).
   */
  async refusal(host: string, port: number): Promise<string | null> {
    try {
      await this.check(host, port)
      return null
    } catch (error) {
      return error instanceof OutboundRefused ? error.message : null
    }
  }
}

/**
 * A `lookup` for net/http/tls that answers only with addresses already
 * checked, so the socket goes where the guard looked and nowhere else.
 */
export function lookupOnly(addresses: CheckedAddress[]): LookupFunction {
  return (_host, options, callback) => {
    if (options.all) return (callback as (e: null, a: CheckedAddress[]) => void)(null, addresses)
    const pick = addresses.find((a) => !options.family || a.family === options.family) ?? addresses[0]
    callback(null, pick.address, pick.family)
  }
}

/** The port a URL reaches: its own, else the scheme's. */
export const urlPort = (url: URL) => (url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80)

/**
 * Checks a URL taken from the environment (KAIROS_SMS_HTTP_URL) at start:
 * throws naming `variable` when it is not an http(s) URL or the guard refuses
 * it; a name that does not resolve yet passes (it is checked at send).
 */
export async function checkConfiguredUrl(guard: OutboundGuard, variable: string, url: string): Promise<void> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new Error(`${variable} must be an http(s) URL`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`${variable} must be an http(s) URL`)
  const refusal = await guard.refusal(parsed.hostname, urlPort(parsed))
  if (refusal) throw new Error(`${variable}: ${refusal}`)
}
