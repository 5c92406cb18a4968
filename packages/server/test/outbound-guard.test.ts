import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addressKey, classifyAddress, embeddedIPv4 } from '../src/outbound/address-class.ts'
import { isAllowed, parseAllowedHost, parseAllowedHostList, type AllowedHost } from '../src/outbound/allowed-hosts.ts'
import { guardedRequest } from '../src/outbound/guarded-request.ts'
import { checkConfiguredUrl, OutboundGuard, OutboundRefused, type CheckedAddress } from '../src/outbound/outbound-guard.ts'
import { readConfig } from '../src/config.ts'

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

  it('is read by readConfig, which names the variable on a bad entry', () => {
    expect(readConfig({}).allowedHosts).toEqual([])
    expect(readConfig({ KAIROS_ALLOWED_HOSTS: ' 127.0.0.1:8025 , sms.internal,' }).allowedHosts).toEqual(['127.0.0.1:8025', 'sms.internal'])
    expect(() => readConfig({ KAIROS_ALLOWED_HOSTS: 'sms.internal:http' })).toThrow(/^KAIROS_ALLOWED_HOSTS: "sms.internal:http"/)
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

  it('checks the server-wide SMS provider URL at start, naming the variable', async () => {
    await expect(checkConfiguredUrl(new OutboundGuard([]), 'KAIROS_SMS_HTTP_URL', 'http://127.0.0.1:5432/')).rejects.toThrow(
      /^KAIROS_SMS_HTTP_URL: 127\.0\.0\.1 is a loopback address/,
    )
    await expect(checkConfiguredUrl(new OutboundGuard([]), 'KAIROS_SMS_HTTP_URL', 'ftp://sms.example/')).rejects.toThrow('KAIROS_SMS_HTTP_URL must be an http(s) URL')
    await expect(checkConfiguredUrl(new OutboundGuard(['127.0.0.1']), 'KAIROS_SMS_HTTP_URL', 'http://127.0.0.1:5432/')).resolves.toBeUndefined()
  })
})

describe('guardedRequest', () => {
  const seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders }> = []
  const server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      seen.push({ method: request.method!, url: request.url!, headers: request.headers })
      const redirect = /^\/(30\d)(.*)$/.exec(request.url!)
      if (redirect) response.writeHead(Number(redirect[1]), { location: redirect[2] || request.url! }).end()
      else response.writeHead(200).end('ok')
    })
  })
  let port: number
  beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => ((port = (server.address() as AddressInfo).port), resolve()))))
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  // provider.test exists in no DNS: only the guard's answer can take the request to 127.0.0.1.
  const guard = new OutboundGuard(['provider.test', '127.0.0.1'], async (host) => {
    if (host === 'provider.test') return [{ address: '127.0.0.1', family: 4 }]
    throw new Error(`getaddrinfo ENOTFOUND ${host}`)
  })
  const post = (url: string, headers: Record<string, string> = {}) => guardedRequest(guard, url, { method: 'POST', headers, body: '{}', timeoutMs: 2000 })

  it('connects to the address the guard checked, keeping the name in the Host header', async () => {
    seen.length = 0
    expect(await post(`http://provider.test:${port}/hook`)).toEqual({ status: 200, text: 'ok' })
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/hook', headers: { host: `provider.test:${port}` } })
  })

  it('follows a few redirects by hand: 307 keeps the POST, 303 turns it into a GET, another origin loses Authorization', async () => {
    seen.length = 0
    await post(`http://provider.test:${port}/307/done`, { authorization: 'Bearer t' })
    expect(seen.map((r) => `${r.method} ${r.url} ${r.headers.authorization ?? '-'}`)).toEqual(['POST /307/done Bearer t', 'POST /done Bearer t'])
    seen.length = 0
    await post(`http://provider.test:${port}/303http://127.0.0.1:${port}/after`, { authorization: 'Bearer t' })
    expect(seen.map((r) => `${r.method} ${r.url} ${r.headers.authorization ?? '-'}`)).toEqual([`POST /303http://127.0.0.1:${port}/after Bearer t`, 'GET /after -'])
    await expect(post(`http://provider.test:${port}/302`)).rejects.toThrow(new OutboundRefused('more than 3 redirects'))
  })

  it('refuses a redirect to a host the guard refuses, before connecting to it', async () => {
    seen.length = 0
    await expect(post(`http://provider.test:${port}/307http://10.0.0.1/x`)).rejects.toThrow(/^redirected to 10\.0\.0\.1: 10\.0\.0\.1 is a private network address/)
    await expect(post(`http://provider.test:${port}/307file:///etc/passwd`)).rejects.toThrow('redirected to a file: URL: only http and https are allowed')
    expect(seen).toHaveLength(2)
  })
})
