import { describe, expect, it } from 'vitest'
import { checkNodeDefinition, defineNode, portsOf } from '../src/define-node.ts'
import { goTo } from '../src/results.ts'
import { Type } from 'typebox'

const valid = () => ({
  type: 'send.sms',
  version: 1,
  title: 'Send SMS',
  category: 'action',
  config: Type.Object({ text: Type.String() }),
  ports: ['next'],
  run: () => goTo('next'),
})

describe('checkNodeDefinition', () => {
  it('finds nothing wrong with a complete definition', () => {
    expect(checkNodeDefinition(valid())).toEqual([])
  })

  it('refuses something that is not an object', () => {
    expect(checkNodeDefinition(null)).toEqual(['is not an object'])
    expect(checkNodeDefinition('send.sms')).toEqual(['is not an object'])
  })

  it.each(['Send.SMS', 'send sms', '1send', 'send.', ''])('refuses the type name %j', (type) => {
    expect(checkNodeDefinition({ ...valid(), type })).toEqual(['type must be a dotted lower-case name such as "send.sms"'])
  })

  it.each(['wait', 'trigger.event', 'notify.we-com'])('accepts the type name %j', (type) => {
    expect(checkNodeDefinition({ ...valid(), type })).toEqual([])
  })

  it.each([0, 1.5, '1', undefined])('refuses the version %j', (version) => {
    expect(checkNodeDefinition({ ...valid(), version })).toEqual(['version must be a positive integer'])
  })

  it('requires a title', () => {
    expect(checkNodeDefinition({ ...valid(), title: '' })).toEqual(['title is required'])
  })

  it('refuses an unknown category', () => {
    expect(checkNodeDefinition({ ...valid(), category: 'effect' })).toEqual(['category must be trigger, wait, logic, action or exit'])
  })

  it('requires an object schema for config', () => {
    expect(checkNodeDefinition({ ...valid(), config: Type.String() })).toEqual(['config must be an object schema'])
    expect(checkNodeDefinition({ ...valid(), config: undefined })).toEqual(['config must be an object schema'])
  })

  it('refuses ports that are neither names nor a function', () => {
    expect(checkNodeDefinition({ ...valid(), ports: 'next' })).toEqual(['ports must be a list of names or a function of the config'])
    expect(checkNodeDefinition({ ...valid(), ports: ['next', 2] })).toEqual(['ports must be a list of names or a function of the config'])
  })

  it('accepts ports computed from the config', () => {
    expect(checkNodeDefinition({ ...valid(), ports: () => ['a'] })).toEqual([])
  })

  it('requires run to be a function', () => {
    expect(checkNodeDefinition({ ...valid(), run: 'go' })).toEqual(['run must be a function'])
  })

  it('requires a trigger node to declare what starts it', () => {
    expect(checkNodeDefinition({ ...valid(), category: 'trigger' })).toEqual(['a trigger node must declare what starts it (trigger)'])
  })

  it('refuses a validate that is not a function', () => {
    expect(checkNodeDefinition({ ...valid(), validate: [] })).toEqual(['validate must be a function'])
  })

  it('lists every problem at once', () => {
    expect(checkNodeDefinition({ type: 'X', version: 0 })).toEqual([
      'type must be a dotted lower-case name such as "send.sms"',
      'version must be a positive integer',
      'title is required',
      'category must be trigger, wait, logic, action or exit',
      'config must be an object schema',
      'ports must be a list of names or a function of the config',
      'run must be a function',
    ])
  })
})

describe('defineNode', () => {
  it('returns the definition frozen', () => {
    const node = defineNode({ ...valid(), category: 'action' })
    expect(node.type).toBe('send.sms')
    expect(Object.isFrozen(node)).toBe(true)
  })

  it('throws on a broken definition, listing the problems', () => {
    expect(() => defineNode({ ...valid(), category: 'action', type: 'Bad', title: '' })).toThrow(
      'invalid node definition: type must be a dotted lower-case name such as "send.sms"; title is required',
    )
  })
})

describe('portsOf', () => {
  it('copies a fixed list of ports', () => {
    const node = defineNode({ ...valid(), category: 'action', ports: ['next', 'skipped'] })
    expect(portsOf(node, {})).toEqual(['next', 'skipped'])
  })

  it('computes ports from the config', () => {
    const node = defineNode({
      ...valid(),
      category: 'logic',
      config: Type.Object({ names: Type.Array(Type.String()) }),
      ports: (config) => config.names,
    })
    expect(portsOf(node, { names: ['a', 'b'] })).toEqual(['a', 'b'])
  })
})
