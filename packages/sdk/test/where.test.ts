import { describe, expect, it } from 'vitest'
import { matchesWhere, validateWhere } from '../src/conditions/index.ts'

describe('matchesWhere', () => {
  it('matches anything when there is no where', () => {
    expect(matchesWhere(undefined, { sku: 'A1' })).toBe(true)
  })

  it('treats a literal as equality', () => {
    expect(matchesWhere({ sku: 'A1' }, { sku: 'A1' })).toBe(true)
    expect(matchesWhere({ sku: 'A1' }, { sku: 'B2' })).toBe(false)
  })

  it('needs every entry to hold', () => {
    expect(matchesWhere({ sku: 'A1', qty: 2 }, { sku: 'A1', qty: 2 })).toBe(true)
    expect(matchesWhere({ sku: 'A1', qty: 2 }, { sku: 'A1', qty: 3 })).toBe(false)
  })

  it('fails when the property is missing', () => {
    expect(matchesWhere({ sku: 'A1' }, {})).toBe(false)
  })

  it('applies operator objects', () => {
    expect(matchesWhere({ amount: { gte: 100 } }, { amount: 120 })).toBe(true)
    expect(matchesWhere({ amount: { gte: 100 } }, { amount: 99 })).toBe(false)
  })

  it('needs every operator of one object to hold', () => {
    expect(matchesWhere({ amount: { gt: 10, lt: 20 } }, { amount: 15 })).toBe(true)
    expect(matchesWhere({ amount: { gt: 10, lt: 20 } }, { amount: 25 })).toBe(false)
  })

  it('reads nested properties by a dotted path', () => {
    expect(matchesWhere({ 'item.sku': { startsWith: 'SHOE-' } }, { item: { sku: 'SHOE-42' } })).toBe(true)
  })

  it('matches an in list of values', () => {
    expect(matchesWhere({ channel: { in: ['web', 'app'] } }, { channel: 'app' })).toBe(true)
    expect(matchesWhere({ channel: { in: ['web', 'app'] } }, { channel: 'store' })).toBe(false)
  })
})

describe('validateWhere', () => {
  it('accepts no where at all', () => {
    expect(validateWhere(undefined, 'config.where')).toEqual([])
  })

  it('accepts literals, lists and operator objects', () => {
    expect(validateWhere({ sku: 'A1', tags: ['x'], amount: { gte: 100 }, gift: null }, 'config.where')).toEqual([])
  })

  it('names each property whose object is not an operator object', () => {
    expect(validateWhere({ amount: { atLeast: 1 }, sku: 'A1', qty: { gte: 1, max: 3 } }, 'config.where')).toEqual([
      { field: 'config.where.amount', message: 'unknown operator; use one of eq, ne, gt, gte, lt, lte, in, contains, exists, startsWith' },
      { field: 'config.where.qty', message: 'unknown operator; use one of eq, ne, gt, gte, lt, lte, in, contains, exists, startsWith' },
    ])
  })

  it('refuses a where that is not an object', () => {
    expect(validateWhere('sku=A1', 'config.where')).toEqual([
      { field: 'config.where', message: 'must be an object of property → value or { operator: value }' },
    ])
  })
})
