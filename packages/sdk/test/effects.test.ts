import { describe, expect, it } from 'vitest'
import { Type } from 'typebox'
import { checkNodeDefinition } from '../src/define-node.ts'
import {
  afterAttempt,
  boundedResponse,
  EFFECT_LIMITS,
  EFFECT_RETRY,
  effectBackoffMs,
  EffectFailure,
  failedAttempt,
  httpEffectSpec,
  isRetryableStatus,
  namedEffectRequest,
} from '../src/services.ts'
import { afterEffect, portsNamed } from '../src/results.ts'

describe('the retry rule effects follow (server and harness alike)', () => {
  it('retries 5xx, 408 and 429, and no other status', () => {
    expect([500, 502, 503, 599, 408, 429].every(isRetryableStatus)).toBe(true)
    expect([200, 301, 400, 401, 403, 404, 409, 422].some(isRetryableStatus)).toBe(false)
  })

  it('backs off exponentially, each delay between half and all of its ceiling', () => {
    expect([1, 2, 3, 4].map((n) => effectBackoffMs(n, () => 0))).toEqual([500, 1000, 2000, 4000])
    expect([1, 2, 3, 4].map((n) => effectBackoffMs(n, () => 1))).toEqual([1000, 2000, 4000, 8000])
    expect(effectBackoffMs(30, () => 1)).toBe(EFFECT_RETRY.maxDelayMs)
  })

  it('settles a success, a permanent failure, and a transient one on its last attempt; retries the rest', () => {
    expect(afterAttempt({ ok: true, result: { a: 1 } }, 1)).toEqual({ settle: 'done', result: { a: 1 } })
    expect(afterAttempt({ ok: false, retry: false, error: 'HTTP 404', result: { status: 404 } }, 1)).toEqual({ settle: 'failed', error: 'HTTP 404', result: { status: 404 } })
    expect(afterAttempt({ ok: false, retry: true, error: 'HTTP 503' }, 2, () => 0)).toEqual({ retryInMs: 1000, error: 'HTTP 503' })
    expect(afterAttempt({ ok: false, retry: true, error: 'HTTP 503' }, EFFECT_RETRY.maxAttempts)).toEqual({
      settle: 'failed', error: `HTTP 503 (gave up after ${EFFECT_RETRY.maxAttempts} attempts)`,
    })
  })

  it('reads retry off what was thrown: an EffectFailure (or a look-alike from another copy of the SDK) decides, other errors are retried', () => {
    expect(failedAttempt(new EffectFailure('gone', { retry: false, result: 1 }))).toEqual({ ok: false, retry: false, error: 'gone', result: 1 })
    expect(failedAttempt(Object.assign(new Error('copy'), { retry: false }))).toEqual({ ok: false, retry: false, error: 'copy' })
    expect(failedAttempt(new TypeError('x is undefined'))).toEqual({ ok: false, retry: true, error: 'x is undefined' })
  })
})

describe('an HTTP effect\'s request', () => {
  it('gets its defaults: GET without a body, POST with JSON and its content type, header names in lower case', () => {
    expect(httpEffectSpec({ url: 'https://api.example.com/a?b=1' })).toEqual({ method: 'GET', url: 'https://api.example.com/a?b=1', headers: {}, timeoutMs: 10_000 })
    expect(httpEffectSpec({ url: 'https://api.example.com/', json: { a: 1 }, headers: { 'X-Token': 't' }, timeoutMs: 500 })).toEqual({
      method: 'POST', url: 'https://api.example.com/', headers: { 'x-token': 't', 'content-type': 'application/json' }, body: '{"a":1}', timeoutMs: 500,
    })
    expect(httpEffectSpec({ method: 'PUT', url: 'http://h/', body: 'text', headers: { 'content-type': 'text/plain' } })).toMatchObject({ body: 'text', headers: { 'content-type': 'text/plain' } })
  })

  it('adds a query to the URL after what it has, and sends a form encoded with its content type', () => {
    // WeChat's token fetch and Aliyun's RPC style: values encoded, undefined ones left out.
    expect(httpEffectSpec({ url: 'https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential', query: { appid: 'wx1', secret: 'a b&c', skip: undefined } })).toEqual({
      method: 'GET', url: 'https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=a+b%26c', headers: {}, timeoutMs: 10_000,
    })
    expect(httpEffectSpec({ url: 'https://dysmsapi.aliyuncs.com/', form: { Action: 'SendSms', PhoneNumbers: '13800000000', Signature: 'x+y/z=', Version: 2017, Ok: true } })).toEqual({
      method: 'POST', url: 'https://dysmsapi.aliyuncs.com/', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=SendSms&PhoneNumbers=13800000000&Signature=x%2By%2Fz%3D&Version=2017&Ok=true', timeoutMs: 10_000,
    })
    expect(httpEffectSpec({ url: 'http://h/', form: { a: '1' }, headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' } }).headers).toEqual({
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    })
  })

  it('is refused naming the field when Kairos cannot make it', () => {
    const refused = (request: unknown) => () => httpEffectSpec(request as never)
    expect(refused({ url: 'ftp://h/' })).toThrow('effects.http: url must be an http(s) URL, got "ftp://h/"')
    expect(refused({ url: 'not a url' })).toThrow(/url must be an http\(s\) URL/)
    expect(refused({ url: 'http://h/', json: {}, body: 'x' })).toThrow('effects.http: give one of json, form and body, not json and body')
    expect(refused({ url: 'http://h/', form: { a: 1 }, json: {} })).toThrow('effects.http: give one of json, form and body, not json and form')
    expect(refused({ url: 'http://h/', query: { a: { b: 1 } } })).toThrow('effects.http: query.a must be text, a number or a boolean')
    expect(refused({ url: 'http://h/', query: 'a=1' })).toThrow('effects.http: query must be an object of names and values')
    expect(refused({ url: 'http://h/', method: 'GET', form: { a: 1 } })).toThrow('effects.http: a GET request has no body')
    expect(refused({ url: 'http://h/', method: 'GET', json: {} })).toThrow('effects.http: a GET request has no body')
    expect(refused({ url: 'http://h/', method: 'TRACE' })).toThrow(/method must be one of GET, HEAD, POST, PUT, PATCH, DELETE/)
    expect(refused({ url: 'http://h/', headers: { 'bad name': 'x' } })).toThrow('effects.http: headers: "bad name" is not a header name')
    expect(refused({ url: 'http://h/', headers: { a: 'x\r\ny: z' } })).toThrow('effects.http: headers.a must be text on one line')
    expect(refused({ url: 'http://h/', timeoutMs: 0 })).toThrow('effects.http: timeoutMs must be a whole number of ms from 1 to 60000, got 0')
    expect(refused({ url: 'http://h/', body: 'x'.repeat(EFFECT_LIMITS.requestBytes + 1) })).toThrow(`effects.http: the body is over ${EFFECT_LIMITS.requestBytes} bytes`)
  })

  it('keeps an answer bounded: JSON parsed, text as text, an oversized body cut and marked', () => {
    expect(boundedResponse(200, '{"a":[1]}')).toEqual({ status: 200, body: { a: [1] } })
    expect(boundedResponse(502, 'Bad gateway')).toEqual({ status: 502, body: 'Bad gateway' })
    expect(boundedResponse(204, '')).toEqual({ status: 204, body: null })
    const big = boundedResponse(200, JSON.stringify({ blob: 'é'.repeat(EFFECT_LIMITS.responseBytes) }))
    expect(big.truncated).toBe(true)
    expect(new TextEncoder().encode(big.body as string).length).toBeLessThanOrEqual(EFFECT_LIMITS.responseBytes + 3)
  })
})

describe('named effects on a definition', () => {
  const base = { type: 'crm.lookup', version: 2, title: 'Lookup', category: 'action', config: Type.Object({}), ports: ['next'], run: () => ({ kind: 'port', port: 'next' }) }

  it('must be functions under plain names, and not "http"', () => {
    expect(checkNodeDefinition({ ...base, effects: { lookup: async () => 1 } })).toEqual([])
    expect(checkNodeDefinition({ ...base, effects: { 'a b': () => 1, ok: 3, http: () => 1 } })).toEqual([
      'effects: "a b" is not a name (letters, digits, - and _)',
      'effects.ok must be a function',
      'effects: "http" is reserved for services.effects.http',
    ])
    expect(checkNodeDefinition({ ...base, effects: [] })).toEqual(['effects must be an object of named functions'])
  })

  it('are called by a name the node declares, with JSON input', () => {
    const node = { ...base, effects: { lookup: () => 1 } }
    expect(namedEffectRequest(node, 'lookup', { email: 'a@b.c' })).toEqual({ input: { email: 'a@b.c' }, timeoutMs: 10_000 })
    expect(() => namedEffectRequest(node, 'score', {})).toThrow('effects.run: node type crm.lookup@2 declares no effect "score" (declared: lookup)')
    expect(() => namedEffectRequest(node, 'lookup', () => 1)).toThrow('effects.run("lookup"): the input must be a JSON value')
  })
})

describe('afterEffect', () => {
  it('waits for the effect, naming both ports (default next and failed)', () => {
    const result = afterEffect({ id: 'e1' })
    expect(result).toEqual({ kind: 'waitForEffect', effect: 'e1', ports: { done: 'next', failed: 'failed' } })
    expect(portsNamed(result)).toEqual(['next', 'failed'])
    expect(afterEffect({ id: 'e2' }, { done: 'ok', failed: 'ko' }, { output: { asked: 1 }, timeout: '2h' })).toEqual({
      kind: 'waitForEffect', effect: 'e2', ports: { done: 'ok', failed: 'ko' }, output: { asked: 1 }, timeout: { for: '2h' },
    })
  })
})
