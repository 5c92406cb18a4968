import { describe, expect, it } from 'vitest'
import { redactSecrets, TokenCache, tokenCacheKey, withAccessToken, type IssuedToken } from '../src/index.ts'
import { ManualClock } from '../src/testing/index.ts'

/** A token issuer that counts its calls and answers when told to. */
function issuer(lifetime = 7200) {
  let n = 0
  const pending: Array<{ resolve: (t: IssuedToken) => void; reject: (e: Error) => void }> = []
  return {
    get calls() {
      return n
    },
    now: () => Promise.resolve({ token: `t${++n}`, expiresInSeconds: lifetime }),
    later: () => {
      n++
      return new Promise<IssuedToken>((resolve, reject) => pending.push({ resolve, reject }))
    },
    answer: (token: string) => pending.shift()!.resolve({ token, expiresInSeconds: lifetime }),
    fail: (message: string) => pending.shift()!.reject(new Error(message)),
  }
}

describe('TokenCache', () => {
  it('keeps a token until the last 5 minutes of its lifetime, then asks again', async () => {
    const cache = new TokenCache()
    const clock = new ManualClock(new Date('2027-03-02T01:00:00Z'))
    const issue = issuer()
    expect(await cache.get('k', clock, issue.now)).toBe('t1')
    clock.advance('1h54m59s')
    expect(await cache.get('k', clock, issue.now)).toBe('t1')
    clock.advance('1s')
    expect(await cache.get('k', clock, issue.now)).toBe('t2')
    expect(issue.calls).toBe(2)
  })

  it('replaces a short-lived token in its last tenth', async () => {
    const cache = new TokenCache()
    const clock = new ManualClock(new Date('2027-03-02T01:00:00Z'))
    const issue = issuer(60)
    await cache.get('k', clock, issue.now)
    clock.advance('53s')
    expect(await cache.get('k', clock, issue.now)).toBe('t1')
    clock.advance('1s')
    expect(await cache.get('k', clock, issue.now)).toBe('t2')
  })

  it('makes one request for concurrent gets, and keeps keys apart', async () => {
    const cache = new TokenCache()
    const clock = new ManualClock()
    const issue = issuer()
    const waiting = Promise.all([cache.get('a', clock, issue.later), cache.get('a', clock, issue.later), cache.get('a', clock, issue.later)])
    issue.answer('shared')
    expect(await waiting).toEqual(['shared', 'shared', 'shared'])
    expect(issue.calls).toBe(1)
    expect(await cache.get('b', clock, issue.now)).toBe('t2')
    expect(cache.size).toBe(2)
  })

  it('hands a failed request to every waiter and keeps nothing, so the next get asks again', async () => {
    const cache = new TokenCache()
    const clock = new ManualClock()
    const issue = issuer()
    const waiting = Promise.allSettled([cache.get('k', clock, issue.later), cache.get('k', clock, issue.later)])
    issue.fail('errcode -1: system busy')
    expect((await waiting).map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect(cache.size).toBe(0)
    expect(await cache.get('k', clock, issue.now)).toBe('t2')
  })

  it('forgets a token only while it is the one held', async () => {
    const cache = new TokenCache()
    const clock = new ManualClock()
    const issue = issuer()
    await cache.get('k', clock, issue.now)
    cache.invalidate('k', 't1')
    expect(await cache.get('k', clock, issue.now)).toBe('t2')
    cache.invalidate('k', 't1') // a send that saw the old token refused, late
    expect(await cache.get('k', clock, issue.now)).toBe('t2')
    expect(issue.calls).toBe(2)
  })
})

describe('withAccessToken', () => {
  it('calls once with the held token when it is taken', async () => {
    const cache = new TokenCache()
    const issue = issuer()
    const used: string[] = []
    const answer = await withAccessToken(cache, { key: 'k', clock: new ManualClock(), issue: issue.now, use: async (t) => (used.push(t), 'ok'), expired: () => false })
    expect([answer, used]).toEqual(['ok', ['t1']])
  })

  it('replaces a refused token and calls once more, at most', async () => {
    const cache = new TokenCache()
    const issue = issuer()
    const used: string[] = []
    const always = await withAccessToken(cache, { key: 'k', clock: new ManualClock(), issue: issue.now, use: async (t) => (used.push(t), 42001), expired: (code) => code === 42001 })
    expect([always, used]).toEqual([42001, ['t1', 't2']])
  })
})

describe('tokenCacheKey and redactSecrets', () => {
  it('keys by channel and credentials without holding them', () => {
    const key = tokenCacheKey('sales-app', ['https://qyapi.weixin.qq.com', 'ww1', 'the-secret'])
    expect(key).toMatch(/^[0-9a-f]{64}$/)
    expect(key).not.toBe(tokenCacheKey('sales-app', ['https://qyapi.weixin.qq.com', 'ww1', 'new-secret']))
    expect(key).not.toBe(tokenCacheKey('other-app', ['https://qyapi.weixin.qq.com', 'ww1', 'the-secret']))
  })

  it('replaces each secret in a text', () => {
    expect(redactSecrets('invalid secret the-secret, hint the-secret', ['the-secret', undefined])).toBe('invalid secret ••••••••, hint ••••••••')
  })
})
