import { describe, expect, it } from 'vitest'
import { Type } from 'typebox'
import { checkChannelDefinition, defineChannel, httpOutcome, urlDestinations } from '../src/define-channel.ts'

const valid = () => ({
  kind: 'sms.acme',
  carries: 'sms',
  title: 'Acme SMS',
  config: Type.Object({ url: Type.String(), apiKey: Type.String() }),
  secret: ['apiKey'],
  destinations: urlDestinations('url'),
  send: async () => ({ status: 'sent' as const }),
})

describe('checkChannelDefinition', () => {
  it('finds nothing wrong with a complete definition, with or without receipts', () => {
    expect(checkChannelDefinition(valid())).toEqual([])
    expect(checkChannelDefinition({ ...valid(), receipt: { parse: () => [], challenge: () => null } })).toEqual([])
  })

  it('refuses something that is not an object', () => {
    expect(checkChannelDefinition(undefined)).toEqual(['is not an object'])
    expect(checkChannelDefinition('sms.acme')).toEqual(['is not an object'])
  })

  it.each(['SMS.http', 'sms http', '1sms', 'sms.', ''])('refuses the kind %j', (kind) => {
    expect(checkChannelDefinition({ ...valid(), kind })).toEqual(['kind must be a dotted lower-case name such as "sms.http"'])
  })

  it.each(['webhook', 'whatsapp.cloud', 'sms.http-v2'])('accepts the kind %j', (kind) => {
    expect(checkChannelDefinition({ ...valid(), kind })).toEqual([])
  })

  it.each(['WhatsApp', 'sms.http', '', 7])('refuses carries %j', (carries) => {
    expect(checkChannelDefinition({ ...valid(), carries })).toEqual(['carries must be a lower-case channel name such as "sms" or "whatsapp"'])
  })

  it('refuses a secret that is not a field of the config', () => {
    expect(checkChannelDefinition({ ...valid(), secret: ['apiKey', 'token'] })).toEqual(['secret names "token", which is not a field of config'])
    expect(checkChannelDefinition({ ...valid(), secret: 'apiKey' })).toEqual(['secret must be a list of config field names'])
  })

  it('reports every problem at once', () => {
    expect(checkChannelDefinition({ kind: 'X', receipt: {} })).toEqual([
      'kind must be a dotted lower-case name such as "sms.http"',
      'carries must be a lower-case channel name such as "sms" or "whatsapp"',
      'title is required',
      'config must be an object schema',
      'secret must be a list of config field names',
      'destinations must be a function of the config (return [] for a channel that sends nowhere)',
      'send must be a function',
      'receipt must be an object with a parse function',
    ])
  })

  it('refuses a challenge that is not a function', () => {
    expect(checkChannelDefinition({ ...valid(), receipt: { parse: () => [], challenge: 'yes' } })).toEqual(['receipt.challenge must be a function'])
  })
})

describe('defineChannel', () => {
  it('returns the definition frozen', () => {
    const definition = defineChannel(valid())
    expect(definition.kind).toBe('sms.acme')
    expect(Object.isFrozen(definition)).toBe(true)
  })

  it('throws with every problem', () => {
    expect(() => defineChannel({ ...valid(), kind: 'Bad', title: '' })).toThrow(
      'invalid channel definition: kind must be a dotted lower-case name such as "sms.http"; title is required',
    )
  })
})

describe('httpOutcome', () => {
  const answer = (status: number, body: unknown = null) => ({ status, text: JSON.stringify(body), body })

  it('reads a 2xx as sent, with the message id the kind finds and the answer kept', () => {
    expect(httpOutcome(answer(200, { id: 'm1' }), { messageId: (b) => (b as { id: string }).id })).toEqual({
      status: 'sent', providerMessageId: 'm1', response: { status: 200, body: { id: 'm1' } },
    })
    expect(httpOutcome(answer(202))).toEqual({ status: 'sent', response: { status: 202, body: null } })
  })

  it.each([500, 503, 408, 429])('retries HTTP %i', (status) => {
    expect(httpOutcome(answer(status))).toMatchObject({ status: 'failed', retry: true, error: `provider answered HTTP ${status}` })
  })

  it.each([400, 401, 404, 422])('fails HTTP %i for good', (status) => {
    expect(httpOutcome(answer(status))).toMatchObject({ status: 'failed', retry: false, error: `provider answered HTTP ${status}` })
  })

  it('lets the kind refuse a 2xx and word the error of another status', () => {
    expect(httpOutcome(answer(200, { errcode: 45009 }), { refuse: () => ({ error: 'rate limited', retry: true }) })).toEqual({
      status: 'failed', retry: true, error: 'rate limited', response: { status: 200, body: { errcode: 45009 } },
    })
    expect(httpOutcome(answer(400, { error: 'bad number' }), { error: (a) => String((a.body as { error: string }).error) })).toMatchObject({ error: 'bad number', retry: false })
  })
})

describe('urlDestinations', () => {
  it('names the URL fields that are set', () => {
    expect(urlDestinations('url', 'fallbackUrl')({ url: 'https://a.example', fallbackUrl: undefined })).toEqual([{ field: 'url', url: 'https://a.example' }])
  })
})
