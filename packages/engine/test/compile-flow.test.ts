import { describe, expect, it } from 'vitest'
import { defineNode, goTo, Type } from '@kairos/sdk'
import { compileFlow, NodeRegistry, pinVersions, type FlowGraph } from '../src/index.ts'
import { coreRegistry } from './core-nodes.ts'
import waitNode from '../../../nodes/wait/src/index.ts'

const waitV2 = defineNode({
  type: 'wait',
  version: 2,
  title: 'Wait (v2)',
  category: 'wait',
  config: Type.Object({ for: Type.String() }),
  ports: ['next'],
  run: () => goTo('next'),
})

const graph = (): FlowGraph => ({
  nodes: [
    { id: 'entry', type: 'trigger.event', config: { event: 'cart_added', where: { sku: 'A1' } } },
    { id: 'pause', type: 'wait', version: 1, config: { for: '1h' } },
    { id: 'paid', type: 'branch', config: { branches: [{ port: 'yes', when: { tag: 'buyer' } }], otherwise: 'no' } },
  ],
  edges: [
    { source: 'entry', sourcePort: 'next', target: 'pause' },
    { source: 'pause', sourcePort: 'next', target: 'paid' },
  ],
})

describe('NodeRegistry', () => {
  it('returns the newest version when none is asked for', () => {
    const registry = coreRegistry(waitV2)
    expect(registry.get('wait')).toBe(waitV2)
    expect(registry.get('wait', 1)).toBe(waitNode)
  })

  it('refuses the same type and version twice', () => {
    const registry = new NodeRegistry()
    registry.register(waitNode)
    expect(() => registry.register(waitNode)).toThrow('node type wait@1 is already registered')
  })

  it('keeps the newest when an older version registers later', () => {
    const registry = new NodeRegistry()
    registry.register(waitV2)
    registry.register(waitNode)
    expect(registry.get('wait')?.version).toBe(2)
  })

  it('answers has() for types and versions', () => {
    const registry = coreRegistry()
    expect(registry.has('wait')).toBe(true)
    expect(registry.has('wait', 2)).toBe(false)
    expect(registry.has('send.fax')).toBe(false)
  })

  it('lists definitions sorted by type then version', () => {
    const list = coreRegistry(waitV2).list().map((d) => `${d.type}@${d.version}`)
    expect(list).toEqual(['branch@1', 'exit@1', 'send.sms@1', 'tag@1', 'trigger.event@1', 'wait@1', 'wait@2', 'wait.event@1'])
  })
})

describe('pinVersions', () => {
  it('pins a node without a version to the newest and keeps explicit versions', () => {
    const pinned = pinVersions(graph(), coreRegistry(waitV2))
    expect(pinned.nodes.map((n) => n.version)).toEqual([1, 1, 1])
    const unpinned = graph()
    delete unpinned.nodes[1].version
    expect(pinVersions(unpinned, coreRegistry(waitV2)).nodes[1].version).toBe(2)
  })

  it('fills in default settings', () => {
    expect(pinVersions(graph(), coreRegistry()).settings).toEqual({ reentry: 'once', exitOn: [], timezone: 'UTC' })
  })

  it('leaves the input graph alone', () => {
    const input = graph()
    pinVersions(input, coreRegistry())
    expect(input.nodes[0].version).toBeUndefined()
    expect(input.settings).toBeUndefined()
  })
})

describe('compileFlow', () => {
  const registry = coreRegistry()
  const flow = compileFlow(pinVersions(graph(), registry), registry)

  it('indexes edges by source and port', () => {
    expect([...flow.next]).toEqual([
      ['entry:next', 'pause'],
      ['pause:next', 'paid'],
    ])
  })

  it('computes each node’s ports from its config', () => {
    expect(flow.nodes.get('paid')?.ports).toEqual(['yes', 'no'])
    expect(flow.nodes.get('pause')?.ports).toEqual(['next'])
  })

  it('collects what the event triggers listen to', () => {
    expect(flow.eventTriggers).toEqual([{ nodeId: 'entry', event: 'cart_added', where: { sku: 'A1' } }])
  })

  it('keeps the flow settings over the defaults', () => {
    const withSettings = { ...graph(), settings: { reentry: 'always' as const, exitOn: ['order_placed'], timezone: 'Asia/Shanghai' } }
    expect(compileFlow(pinVersions(withSettings, registry), registry).settings).toEqual({
      reentry: 'always',
      exitOn: ['order_placed'],
      timezone: 'Asia/Shanghai',
    })
  })

  it('throws when a node type at its version is not loaded', () => {
    const missing = pinVersions(graph(), registry)
    missing.nodes[1] = { ...missing.nodes[1], version: 7 }
    expect(() => compileFlow(missing, registry)).toThrow('node pause: node type wait@7 is not loaded')
  })
})
