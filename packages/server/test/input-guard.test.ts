import { describe, expect, it } from 'vitest'
import { findInputProblem, MAX_JSON_DEPTH } from '../src/http/input-guard.ts'

const lone = 'has a lone UTF-16 surrogate (text must be valid Unicode)'

describe('findInputProblem', () => {
  it('accepts ordinary values, surrogate pairs included', () => {
    expect(findInputProblem({ a: [1, 'two', null, { b: true }], emoji: '😀', name: 'Zoë' }, 'body')).toBeUndefined()
    for (const scalar of [undefined, null, 3, true, 'text']) expect(findInputProblem(scalar, 'body')).toBeUndefined()
  })

  it('counts the value itself as level 1 and names where the first level too deep starts', () => {
    const deep = (levels: number): unknown => (levels === 0 ? 'leaf' : { next: deep(levels - 1) })
    expect(findInputProblem(deep(MAX_JSON_DEPTH), 'body')).toBeUndefined()
    expect(findInputProblem(deep(MAX_JSON_DEPTH + 1), 'body')).toEqual({
      field: `body${'.next'.repeat(MAX_JSON_DEPTH)}`,
      message: 'is nested deeper than 64 levels',
    })
    expect(findInputProblem({ list: [[[]]] }, 'body', 3)?.field).toBe('body.list[0][0]')
  })

  it('walks 100,000 levels without recursing', () => {
    const value = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000))
    expect(findInputProblem(value, 'body')?.field).toBe(`body${'[0]'.repeat(64)}`)
  })

  it('finds a lone high or low surrogate in a value, a key, an array item or a bare string', () => {
    expect(findInputProblem({ a: { b: 'x\ud800' } }, 'body')).toEqual({ field: 'body.a.b', message: lone })
    expect(findInputProblem({ a: ['ok', '\udc00y'] }, 'body')).toEqual({ field: 'body.a[1]', message: lone })
    expect(findInputProblem({ 'first name': { '\ud800': 1 } }, 'body')).toEqual({ field: 'body["first name"]["\ufffd"]', message: `key ${lone}` })
    expect(findInputProblem({ q: ['a', '\udfff'] }, 'querystring')).toEqual({ field: 'querystring.q[1]', message: lone })
    expect(findInputProblem('\ud83d', 'body')).toEqual({ field: 'body', message: lone })
  })
})
