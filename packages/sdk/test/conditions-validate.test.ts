import { describe, expect, it } from 'vitest'
import { validateCondition } from '../src/conditions/index.ts'

describe('validateCondition', () => {
  it('accepts the full example tree from the design', () => {
    const condition = {
      all: [
        { attribute: 'tier', op: 'eq', value: 'premium' },
        { tag: 'vip' },
        { not: { event: 'order_placed', since: 'entry' } },
        {
          any: [
            { attribute: 'score', op: 'gte', value: 50 },
            { event: 'page_viewed', where: { path: '/pricing' }, count: { gte: 3 }, within: '7d' },
          ],
        },
      ],
    }
    expect(validateCondition(condition, 'when')).toEqual([])
  })

  it('names the default field "condition" when no field is given', () => {
    expect(validateCondition(42)).toEqual([
      { field: 'condition', message: 'must be a condition object (all, any, not, attribute, tag or event)' },
    ])
  })

  it.each([null, 'vip', ['tag'], 7])('refuses %j as a condition', (value) => {
    expect(validateCondition(value, 'when')).toEqual([
      { field: 'when', message: 'must be a condition object (all, any, not, attribute, tag or event)' },
    ])
  })

  it('refuses an object of no known condition kind', () => {
    expect(validateCondition({ segment: 'vip' }, 'when')).toEqual([
      { field: 'when', message: 'unknown condition; use one of all, any, not, attribute, tag, event' },
    ])
  })

  it('refuses an unknown key beside a known kind, naming the key', () => {
    expect(validateCondition({ tag: 'vip', negate: true }, 'when')).toEqual([
      { field: 'when.negate', message: 'unknown key in a tag condition' },
    ])
  })

  it('refuses a key of another kind mixed into a condition', () => {
    expect(validateCondition({ attribute: 'tier', op: 'eq', value: 'gold', tag: 'vip' }, 'when')).toEqual([
      { field: 'when.tag', message: 'unknown key in a attribute condition' },
    ])
  })

  it('refuses an empty all list', () => {
    expect(validateCondition({ all: [] }, 'when')).toEqual([{ field: 'when.all', message: 'must be a non-empty list' }])
  })

  it('refuses an any that is not a list', () => {
    expect(validateCondition({ any: { tag: 'vip' } }, 'when')).toEqual([{ field: 'when.any', message: 'must be a non-empty list' }])
  })

  it('names the index of a bad child of all', () => {
    const problems = validateCondition({ all: [{ tag: 'vip' }, { attribute: 'tier', op: 'equals', value: 'gold' }] }, 'when')
    expect(problems).toEqual([{ field: 'when.all[1].op', message: 'must be one of eq, ne, gt, gte, lt, lte, in, contains, exists, startsWith' }])
  })

  it('follows nested paths through any and not', () => {
    const problems = validateCondition({ any: [{ not: { tag: '' } }] }, 'when')
    expect(problems).toEqual([{ field: 'when.any[0].not.tag', message: 'must be a tag name' }])
  })

  it('refuses a not without a condition inside', () => {
    expect(validateCondition({ not: null }, 'when')).toEqual([
      { field: 'when.not', message: 'must be a condition object (all, any, not, attribute, tag or event)' },
    ])
  })

  it('lists every problem of a tree at once', () => {
    const problems = validateCondition({ all: [{ tag: 'vip', extra: 1 }, { attribute: 'x', op: 'nope', value: 1 }, { event: 'e', within: 'soon' }] }, 'when')
    expect(problems.map((p) => p.field)).toEqual(['when.all[0].extra', 'when.all[1].op', 'when.all[2].within'])
  })

  describe('attribute conditions', () => {
    it('refuses an unknown operator at .op', () => {
      expect(validateCondition({ attribute: 'tier', op: 'like', value: 'g%' }, 'when')).toEqual([
        { field: 'when.op', message: 'must be one of eq, ne, gt, gte, lt, lte, in, contains, exists, startsWith' },
      ])
    })

    it('reports a missing operator as required', () => {
      expect(validateCondition({ attribute: 'tier', value: 'gold' }, 'when')).toContainEqual({ field: 'when.op', message: 'is required' })
    })

    it('refuses an empty attribute name', () => {
      expect(validateCondition({ attribute: '', op: 'exists' }, 'when')).toEqual([{ field: 'when.attribute', message: 'must be an attribute name' }])
    })

    it('requires a value for a comparing operator', () => {
      expect(validateCondition({ attribute: 'tier', op: 'eq' }, 'when')).toEqual([{ field: 'when.value', message: 'is required' }])
    })

    it('needs no value for exists', () => {
      expect(validateCondition({ attribute: 'email', op: 'exists' }, 'when')).toEqual([])
    })

    it('requires a list for in', () => {
      expect(validateCondition({ attribute: 'tier', op: 'in', value: 'gold' }, 'when')).toEqual([
        { field: 'when.value', message: 'must be a list for "in"' },
      ])
    })

    it('accepts a list for in', () => {
      expect(validateCondition({ attribute: 'tier', op: 'in', value: ['gold', 'silver'] }, 'when')).toEqual([])
    })
  })

  describe('tag conditions', () => {
    it('refuses a tag that is not a string', () => {
      expect(validateCondition({ tag: 5 }, 'when')).toEqual([{ field: 'when.tag', message: 'must be a tag name' }])
    })
  })

  describe('event conditions', () => {
    it('refuses an empty event name', () => {
      expect(validateCondition({ event: '' }, 'when')).toEqual([{ field: 'when.event', message: 'must be an event name' }])
    })

    it('accepts since entry and since a duration', () => {
      expect(validateCondition({ event: 'order_placed', since: 'entry' }, 'when')).toEqual([])
      expect(validateCondition({ event: 'order_placed', since: '1h30m' }, 'when')).toEqual([])
    })

    it('refuses a since that is neither entry nor a duration', () => {
      expect(validateCondition({ event: 'order_placed', since: 'yesterday' }, 'when')).toEqual([
        { field: 'when.since', message: 'must be "entry" or a duration such as 7d' },
      ])
    })

    it('refuses a within that is not a duration', () => {
      expect(validateCondition({ event: 'order_placed', within: 'entry' }, 'when')).toEqual([
        { field: 'when.within', message: 'must be a duration such as 7d' },
      ])
    })

    it('refuses an unknown where operator, naming the property', () => {
      expect(validateCondition({ event: 'order_placed', where: { amount: { atLeast: 100 } } }, 'when')).toEqual([
        { field: 'when.where.amount', message: 'unknown operator; use one of eq, ne, gt, gte, lt, lte, in, contains, exists, startsWith' },
      ])
    })

    it('refuses a where that is not an object', () => {
      expect(validateCondition({ event: 'order_placed', where: ['sku'] }, 'when')).toEqual([
        { field: 'when.where', message: 'must be an object of property → value or { operator: value }' },
      ])
    })

    it('refuses an unknown count key', () => {
      expect(validateCondition({ event: 'page_viewed', count: { atLeast: 3 } }, 'when')).toEqual([
        { field: 'when.count.atLeast', message: 'unknown key; use eq, gt, gte, lt, lte' },
      ])
    })

    it('refuses a negative or non-numeric count bound', () => {
      expect(validateCondition({ event: 'page_viewed', count: { gte: -1, lt: '5' } }, 'when')).toEqual([
        { field: 'when.count.gte', message: 'must be a number ≥ 0' },
        { field: 'when.count.lt', message: 'must be a number ≥ 0' },
      ])
    })

    it('refuses an empty or non-object count', () => {
      const message = 'must be an object such as { "gte": 3 }'
      expect(validateCondition({ event: 'page_viewed', count: {} }, 'when')).toEqual([{ field: 'when.count', message }])
      expect(validateCondition({ event: 'page_viewed', count: 3 }, 'when')).toEqual([{ field: 'when.count', message }])
      expect(validateCondition({ event: 'page_viewed', count: null }, 'when')).toEqual([{ field: 'when.count', message }])
    })
  })
})
