import { describe, expect, it } from 'vitest'
import { Type } from 'typebox'
import { validateAgainstSchema } from '../src/config-validation.ts'
import { Duration } from '../src/duration.ts'

const Config = Type.Object(
  {
    text: Type.String({ minLength: 1 }),
    delay: Type.Optional(Duration),
    channel: Type.Union([Type.Literal('sms'), Type.Literal('email')], { default: 'sms' }),
    steps: Type.Optional(Type.Array(Type.Object({ port: Type.String(), weight: Type.Integer({ minimum: 1 }) }))),
    at: Type.Optional(Type.String({ format: 'kairos-time-of-day' })),
  },
  { additionalProperties: false },
)

describe('validateAgainstSchema', () => {
  it('finds nothing wrong with a valid value', () => {
    expect(validateAgainstSchema(Config, { text: 'hi', delay: '1h30m', at: '21:30' })).toEqual([])
  })

  it('fills in defaults in place', () => {
    const value: Record<string, unknown> = { text: 'hi' }
    validateAgainstSchema(Config, value)
    expect(value.channel).toBe('sms')
  })

  it('names a missing required field under the prefix', () => {
    expect(validateAgainstSchema(Config, {})).toEqual([{ field: 'config.text', message: 'is required' }])
  })

  it('names an unknown field', () => {
    expect(validateAgainstSchema(Config, { text: 'hi', colour: 'red' })).toEqual([{ field: 'config.colour', message: 'is not a known field' }])
  })

  it('explains a bad duration in operator words', () => {
    expect(validateAgainstSchema(Config, { text: 'hi', delay: 'soon' })).toContainEqual({
      field: 'config.delay',
      message: 'must be a duration such as 30s, 5m or 3d (at most 3650d)',
    })
  })

  it('reports a value outside a union of literals once', () => {
    expect(validateAgainstSchema(Config, { text: 'hi', channel: 'fax' })).toEqual([
      { field: 'config.channel', message: 'must match a schema in anyOf' },
    ])
  })

  it('writes array indexes in brackets', () => {
    const problems = validateAgainstSchema(Config, { text: 'hi', steps: [{ port: 'a', weight: 1 }, { port: 'b', weight: 0 }] })
    expect(problems).toEqual([{ field: 'config.steps[1].weight', message: 'must be >= 1' }])
  })

  it('names a missing field inside an array item', () => {
    expect(validateAgainstSchema(Config, { text: 'hi', steps: [{ weight: 2 }] })).toEqual([
      { field: 'config.steps[0].port', message: 'is required' },
    ])
  })

  it('checks the time-of-day format', () => {
    expect(validateAgainstSchema(Config, { text: 'hi', at: '24:00' })).toEqual([{ field: 'config.at', message: 'must match format "kairos-time-of-day"' }])
  })

  it('lists every problem at once', () => {
    const problems = validateAgainstSchema(Config, { text: '', colour: 'red', channel: 'fax' })
    expect(problems.map((p) => p.field).sort()).toEqual(['config.channel', 'config.colour', 'config.text'])
  })

  it('uses the given prefix', () => {
    expect(validateAgainstSchema(Config, {}, 'graph.nodes[2].config')).toEqual([{ field: 'graph.nodes[2].config.text', message: 'is required' }])
  })

  it('reports a wrong root type at the prefix itself', () => {
    expect(validateAgainstSchema(Config, 'text')).toEqual([{ field: 'config', message: 'must be object' }])
  })
})
