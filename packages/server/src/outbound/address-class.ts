import { isIPv4, isIPv6 } from 'node:net'

/**
 * What an IP address is, as far as sending to it goes. Only `public` ones are
 * reachable by default; the others are what server-side request forgery aims at
 * (the host itself, the private network, a cloud's metadata service).
 */
export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  /** 100.64.0.0/10, carrier-grade NAT space (cloud providers put internal services there). */
  | 'shared'
  /** A cloud instance metadata service: 169.254.169.254, fd00:ec2::254. */
  | 'metadata'
  | 'multicast'
  | 'unspecified'
  | 'broadcast'
  /** Documentation, benchmarking and IETF-reserved ranges: never a real provider. */
  | 'reserved'

interface Range {
  base: bigint
  bits: number
  cls: AddressClass
}

/** `a.b.c.d` as a number; assumes `isIPv4(text)`. */
function ipv4Value(text: string): bigint {
  return text.split('.').reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n)
}

/** An IPv6 address (zone id dropped, dotted IPv4 tail allowed) as a 128-bit number; assumes `isIPv6(text)`. */
function ipv6Value(text: string): bigint {
  let address = text.split('%')[0]
  const lastColon = address.lastIndexOf(':')
  const tail = address.slice(lastColon + 1)
  if (tail.includes('.')) {
    const v4 = ipv4Value(tail)
    address = `${address.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`
  }
  const [head, rest] = address.split('::')
  const left = head ? head.split(':') : []
  const right = rest === undefined ? [] : rest ? rest.split(':') : []
  const groups = rest === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
  return groups.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n)
}

const v4 = (cidr: string, cls: AddressClass): Range => {
  const [base, bits] = cidr.split('/')
  return { base: ipv4Value(base), bits: Number(bits), cls }
}
const v6 = (cidr: string, cls: AddressClass): Range => {
  const [base, bits] = cidr.split('/')
  return { base: ipv6Value(base), bits: Number(bits), cls }
}

// First match wins, so the narrow ranges come before the wide ones that hold them.
const IPV4: Range[] = [
  v4('255.255.255.255/32', 'broadcast'),
  v4('169.254.169.254/32', 'metadata'),
  v4('0.0.0.0/8', 'unspecified'), // "this network": connecting to 0.0.0.0 reaches the host itself
  v4('10.0.0.0/8', 'private'),
  v4('100.64.0.0/10', 'shared'),
  v4('127.0.0.0/8', 'loopback'),
  v4('169.254.0.0/16', 'link-local'),
  v4('172.16.0.0/12', 'private'),
  v4('192.0.0.0/24', 'reserved'),
  v4('192.0.2.0/24', 'reserved'),
  v4('192.88.99.0/24', 'reserved'),
  v4('192.168.0.0/16', 'private'),
  v4('198.18.0.0/15', 'reserved'),
  v4('198.51.100.0/24', 'reserved'),
  v4('203.0.113.0/24', 'reserved'),
  v4('224.0.0.0/4', 'multicast'),
  v4('240.0.0.0/4', 'reserved'),
]

const IPV6: Range[] = [
  v6('::/128', 'unspecified'),
  v6('::1/128', 'loopback'),
  v6('fd00:ec2::254/128', 'metadata'),
  v6('fc00::/7', 'private'),
  v6('fe80::/10', 'link-local'),
  v6('fec0::/10', 'private'), // site-local, deprecated but still routed by some stacks
  v6('ff00::/8', 'multicast'),
  v6('100::/64', 'reserved'),
  v6('2001:db8::/32', 'reserved'),
]

/**
 * IPv6 forms that carry an IPv4 address, which a dual-stack host (or a
 * NAT64/6to4 gateway) may deliver to that IPv4 address: each is judged by
 * the IPv4 address inside. `shift` is where the IPv4 bits sit.
 */
const EMBEDDING: Array<Range & { shift: bigint }> = [
  { ...v6('::ffff:0:0/96', 'public'), shift: 0n }, // IPv4-mapped
  { ...v6('::/96', 'public'), shift: 0n }, // IPv4-compatible (deprecated)
  { ...v6('::ffff:0:0:0/96', 'public'), shift: 0n }, // IPv4-translated (SIIT)
  { ...v6('64:ff9b::/96', 'public'), shift: 0n }, // NAT64 well-known prefix
  { ...v6('2002::/16', 'public'), shift: 80n }, // 6to4
]

const inRange = (value: bigint, range: Range, width: bigint) => value >> (width - BigInt(range.bits)) === range.base >> (width - BigInt(range.bits))

function classifyIPv4(value: bigint): AddressClass {
  return IPV4.find((range) => inRange(value, range, 32n))?.cls ?? 'public'
}

/** The IPv4 address an IPv6 address carries (IPv4-mapped, 6to4, NAT64, …), if it is of such a form. */
export function embeddedIPv4(address: string): string | undefined {
  if (!isIPv6(address)) return undefined
  const value = ipv6Value(address)
  if (value <= 1n) return undefined // :: and ::1 are themselves, not 0.0.0.0 and 0.0.0.1
  const form = EMBEDDING.find((range) => inRange(value, range, 128n))
  if (!form) return undefined
  const inner = (value >> form.shift) & 0xffffffffn
  return [24n, 16n, 8n, 0n].map((s) => String((inner >> s) & 0xffn)).join('.')
}

/** Classifies an IPv4 or IPv6 address (textual form, zone id allowed); throws on anything else. */
export function classifyAddress(address: string): AddressClass {
  if (isIPv4(address)) return classifyIPv4(ipv4Value(address))
  if (!isIPv6(address)) throw new TypeError(`not an IP address: ${address}`)
  const value = ipv6Value(address)
  const exact = IPV6.find((range) => inRange(value, range, 128n))
  if (exact) return exact.cls
  const inner = embeddedIPv4(address)
  return inner === undefined ? 'public' : classifyIPv4(ipv4Value(inner))
}

/**
 * One spelling per address, for comparing an allow-list entry with what DNS
 * gave: IPv4 (also when IPv4-mapped) as its 32-bit number, IPv6 as `v6:` and hex digits.
 */
export function addressKey(address: string): string | undefined {
  if (isIPv4(address)) return ipv4Value(address).toString()
  if (!isIPv6(address)) return undefined
  const value = ipv6Value(address)
  if (value >> 32n === 0xffffn) return (value & 0xffffffffn).toString()
  return `v6:${value.toString(16)}`
}
