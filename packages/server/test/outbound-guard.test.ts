import { describe, expect, it } from 'vitest'
import { addressKey, classifyAddress, embeddedIPv4 } from '../src/outbound/address-class.ts'
import { isAllowed, parseAllowedHost, parseAllowedHostList, type AllowedHost } from '../src/outbound/allowed-hosts.ts'
import { OutboundGuard, OutboundRefused, type CheckedAddress } from '../src/outbound/outbound-guard.ts'

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.255', 'loopback'],
    ['10.0.0.0', 'private'],
    ['10.255.255.255', 'private'],
    ['172.15.255.255', 'public'],
    ['172.16.0.0', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.0', 'public'],
    ['192.168.0.1', 'private'],
    ['192.169.0.1', 'public'],
    ['100.63.255.255', 'public'],
    ['100.64.0.0', 'shared'],
    ['100.127.255.255', 'shared'],
    ['100.128.0.0', 'public'],
    ['169.254.0.1', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['169.255.0.1', 'public'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.255', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'reserved'],
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
  ])('IPv4 %s is %s', (address, cls) => expect(classifyAddress(address)).toBe(cls))

  it.each([
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fc00::1', 'private'],
    ['fdff:ffff::1', 'private'],
    ['fd00:ec2::254', 'metadata'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:80b::200e', 'public'],
  ])('IPv6 %s is %s', (address, cls) => expect(classifyAddress(address)).toBe(cls))

  it.each([
    ['::ffff:127.0.0.1', 'loopback', '127.0.0.1'],
    ['::ffff:7f00:1', 'loopback', '127.0.0.1'],
    ['0:0:0:0:0:ffff:a9fe:a9fe', 'metadata', '169.254.169.254'],
    ['::ffff:10.1.2.3', 'private', '10.1.2.3'],
    ['::ffff:8.8.8.8', 'public', '8.8.8.8'],
    ['::127.0.0.1', 'loopback', '127.0.0.1'],
    ['::ffff:0:192.168.1.1', 'private', '192.168.1.1'],
    ['64:ff9b::10.0.0.1', 'private', '10.0.0.1'],
    ['64:ff9b::808:808', 'public', '8.8.8.8'],
    ['2002:7f00:1::', 'loopback', '127.0.0.1'],
    ['2002:a9fe:a9fe::1', 'metadata', '169.254.169.254'],
  ])('IPv6 %s carrying an IPv4 address is judged by it (%s)', (address, cls, inner) => {
    expect(embeddedIPv4(address)).toBe(inner)
    expect(classifyAddress(address)).toBe(cls)
  })

  it('refuses to classify what is not an address', () => {
    expect(() => classifyAddress('localhost')).toThrow(/not an IP address/)
    expect(() => classifyAddress('127.1')).toThrow(/not an IP address/)
  })

  it('spells an IPv4 address and its IPv4-mapped form alike', () => {
    expect(addressKey('::ffff:127.0.0.1')).toBe(addressKey('127.0.0.1'))
    expect(addressKey('0:0::1')).toBe(addressKey('::1'))
    expect(addressKey('::1')).not.toBe(addressKey('0.0.0.1'))
  })
})

describe('KAIROS_ALLOWED_HOSTS entries', () => {
  const parse = (entry: string) => parseAllowedHost(entry) as AllowedHost

  it('reads host, host:port, IPv4:port, [IPv6]:port and bare IPv6', () => {
    expect(parse('sms.internal')).toEqual({ host: 'sms.internal' })
    expect(parse('Mail.Internal.:2525')).toEqual({ host: 'mail.internal', port: 2525 })
    expect(parse('127.0.0.1:8025')).toMatchObject({ host: '127.0.0.1', port: 8025 })
    expect(parse('[::1]:8025')).toMatchObject({ host: '::1', port: 8025 })
    expect(parse('fd00::5')).toMatchObject({ host: 'fd00::5' })
    expect(parse('fd00::5').port).toBeUndefined()
  })

  it('throws naming the variable and the entry', () => {
    expect(() => parseAllowedHostList('127.0.0.1:8025, sms.internal')).not.toThrow()
    expect(() => parseAllowedHostList('127.0.0.1:99999')).toThrow('KAIROS_ALLOWED_HOSTS: "127.0.0.1:99999": the port must be a number from 1 to 65535')
    expect(() => parseAllowedHostList('http://x')).toThrow(/KAIROS_ALLOWED_HOSTS: "http:\/\/x"/)
    expect(() => parseAllowedHostList('[sms.internal]:80')).toThrow(/only an IPv6 address goes in brackets/)
    expect(() => parseAllowedHostList('a b')).toThrow(/not a host name or IP address/)
  })

  it('matches by name or by resolved address, and by port when the entry has one', () => {
    const list = ['127.0.0.1:8025', 'sms.internal', '[::1]:9000'].map(parse)
    expect(isAllowed(list, '127.0.0.1', '127.0.0.1', 8025)).toBe(true)
    expect(isAllowed(list, '127.0.0.1', '127.0.0.1', 5432)).toBe(false)
    expect(isAllowed(list, 'mailpit.test', '127.0.0.1', 8025)).toBe(true)
    expect(isAllowed(list, 'SMS.internal.', '10.0.0.7', 443)).toBe(true)
    expect(isAllowed(list, 'other.internal', '10.0.0.7', 443)).toBe(false)
    expect(isAllowed(list, '::1', '0:0::1', 9000)).toBe(true)
    expect(isAllowed(list, '::ffff:127.0.0.1', '::ffff:127.0.0.1', 8025)).toBe(true)
  })
})

describe('OutboundGuard', () => {
  const dns = (table: Record<string, string[]>) => async (host: string): Promise<CheckedAddress[]> => {
    const found = table[host]
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
  }
  const resolver = dns({ 'api.example': ['93.184.216.34'], 'both.example': ['93.184.216.34', '10.0.0.8'], 'meta.example': ['::ffff:169.254.169.254'] })

  it('passes public addresses and returns the addresses to connect to', async () => {
    const guard = new OutboundGuard([], resolver)
    expect(await guard.check('api.example', 443)).toEqual([{ address: '93.184.216.34', family: 4 }])
    expect(await guard.check('[2606:4700:4700::1111]', 443)).toEqual([{ address: '2606:4700:4700::1111', family: 6 }])
  })

  it('refuses a name when any of its addresses is not public, naming the name, address and remedy', async () => {
    const guard = new OutboundGuard([], resolver)
    await expect(guard.check('both.example', 443)).rejects.toThrow(
      'both.example resolves to 10.0.0.8, a private network address; Kairos does not send there unless KAIROS_ALLOWED_HOSTS lists it (e.g. both.example:443)',
    )
    await expect(guard.check('meta.example', 80)).rejects.toThrow(/a cloud metadata service address \(IPv4 169\.254\.169\.254 inside\)/)
    await expect(guard.check('127.0.0.1', 5432)).rejects.toBeInstanceOf(OutboundRefused)
    await expect(guard.check('[::1]', 80)).rejects.toThrow('::1 is a loopback address; Kairos does not send there unless KAIROS_ALLOWED_HOSTS lists it (e.g. [::1]:80)')
  })

  it('lets allow-listed hosts through, on the listed port only', async () => {
    const guard = new OutboundGuard(['127.0.0.1:8025', 'both.example'], resolver)
    expect(await guard.check('127.0.0.1', 8025)).toHaveLength(1)
    await expect(guard.check('127.0.0.1', 5432)).rejects.toBeInstanceOf(OutboundRefused)
    expect(await guard.check('both.example', 443)).toHaveLength(2)
  })

  it('reports a name that does not resolve as a network error, and configuration accepts it for now', async () => {
    const guard = new OutboundGuard([], resolver)
    await expect(guard.check('nowhere.example', 443)).rejects.toThrow(/ENOTFOUND/)
    await expect(guard.check('nowhere.example', 443)).rejects.not.toBeInstanceOf(OutboundRefused)
    expect(await guard.refusal('nowhere.example', 443)).toBeNull()
    expect(await guard.refusal('10.1.1.1', 443)).toMatch(/^10\.1\.1\.1 is a private network address/)
  })

  it('throws at construction on a bad allow-list entry', () => {
    expect(() => new OutboundGuard(['127.0.0.1:0'])).toThrow(/KAIROS_ALLOWED_HOSTS/)
  })
})
