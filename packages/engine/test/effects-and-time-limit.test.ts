import { describe, expect, it } from 'vitest'
import { afterEffect, defineNode, goTo, Type, type ContactSnapshot } from '@kairos/sdk'
import { createMemoryServices, ManualClock, type MemoryWorld } from '@kairos/sdk/testing'
import { advanceRun, compileFlow, NodeTypeNotLoaded, NodeRegistry, pinVersions, type FlowGraph, type RunState } from '../src/index.ts'
import { coreRegistry } from './core-nodes.ts'

const START = new Date('2026-01-05T08:00:00Z')

const ask = defineNode({
  type: 'test.ask', version: 1, title: 'Asks an API', category: 'action', config: Type.Object({}), ports: ['next', 'failed'],
  run: async ({ services }) => afterEffect(await services.effects.http({ url: 'https://api.example.com/score' }), undefined, { output: { asked: true } }),
})

// Hangs for contacts tagged `slow`; lets the others through.
const hang = defineNode({
  type: 'test.hang', version: 1, title: 'Hangs', category: 'action', config: Type.Object({}), ports: ['next'],
  run: ({ contact }) => (contact.tags.includes('slow') ? new Promise(() => {}) : goTo('next')),
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// Spends `own` ms of its own time, then waits on a service call, then spends `own` ms again.
const onService = defineNode({
  type: 'test.on-service', version: 1, title: 'Waits on a service', category: 'action', config: Type.Object({}), ports: ['next'],
  run: async ({ contact, services }) => {
    const own = Number(contact.attributes.own)
    await sleep(own)
    await services.contacts.tag({ add: ['seen'] })
    await sleep(own)
    return goTo('next')
  },
})

const registry = coreRegistry(ask, hang, onService)

function flowOf(type: string) {
  const graph: FlowGraph = {
    nodes: [{ id: 'entry', type: 'trigger.event', config: { event: 'go' } }, { id: 'step', type, config: {} }],
    edges: [{ source: 'entry', sourcePort: 'next', target: 'step' }],
  }
  return compileFlow(pinVersions(graph, registry), registry)
}

const runAt = (nodeId: string): RunState => ({
  id: 'r1', flowId: 'f1', flowVersion: 1, contactId: 'c1', status: 'running', nodeId, nodeEnteredAt: START, seq: 0, enteredAt: START,
})

function advance(type: string, tags: string[], extra: { runTimeLimitMs?: number; slowNodes?: Set<string>; attributes?: Record<string, unknown>; serviceMs?: number } = {}) {
  const { attributes = {}, serviceMs = 0, ...limits } = extra
  const contact: ContactSnapshot = { id: 'c1', externalId: 'crm-1', attributes, tags, ownerId: null }
  const world: MemoryWorld = { contact, events: [], sent: [] }
  const clock = new ManualClock(START)
  const run = runAt('entry')
  return advanceRun({
    run, flow: flowOf(type), contact, now: START, ...limits,
    services: ({ seq }) => {
      const services = createMemoryServices(world, { clock, stepKey: `run:r1:${seq}`, runEnteredAt: START, run: { id: 'r1', flowId: 'f1' } })
      // A service as slow as one waiting on a row lock another transaction holds.
      const tag = services.contacts.tag
      services.contacts.tag = async (change) => (await sleep(serviceMs), tag(change))
      return services
    },
  }).then((outcome) => ({ outcome, world }))
}

describe('a wait for an effect', () => {
  it('leaves the run waiting on the effect, with both ports and a day to settle before the failed port', async () => {
    const { outcome, world } = await advance('test.ask', [])
    expect(outcome).toMatchObject({ status: 'waiting', nodeId: 'step', wakeAt: new Date('2026-01-06T08:00:00Z') })
    expect(outcome.wait).toEqual({
      timeoutPort: 'failed', effect: world.effects![0].id, donePort: 'next', failedPort: 'failed',
      output: { asked: true, effect: world.effects![0].id, error: 'no result from the effect within 1d' },
    })
  })
})

describe('the time limit on run()', () => {
  it('fails the run at the node that did not finish, and names the node type for the rest of the batch', async () => {
    const slowNodes = new Set<string>()
    const started = performance.now()
    const { outcome } = await advance('test.hang', ['slow'], { runTimeLimitMs: 30, slowNodes })
    expect(performance.now() - started).toBeLessThan(1000)
    expect(outcome).toMatchObject({ status: 'failed', nodeId: 'step', error: 'node type test.hang@1 (node "step") did not finish run() within 30 ms; its services are closed' })
    expect(outcome.steps.at(-1)).toMatchObject({ nodeId: 'step', outcome: 'error', error: outcome.error })
    expect([...slowNodes]).toEqual(['test.hang@1'])

    // Another run of the same batch reaching that node fails there at once, without running it
    // (run, it would hang again and fail with the time limit's own message).
    const { outcome: next } = await advance('test.hang', ['slow'], { runTimeLimitMs: 30, slowNodes })
    const notRun = 'not run: node type test.hang@1 did not finish run() within 30 ms for another run of this batch; retry the run once the plugin is fixed'
    expect(next).toMatchObject({ status: 'failed', nodeId: 'step', seq: 2, error: notRun })
    expect(next.steps.map((s) => [s.nodeId, s.outcome, s.error ?? null])).toEqual([['entry', 'port', null], ['step', 'error', notRun]])
    // In a batch of its own it runs.
    expect((await advance('test.hang', [], { runTimeLimitMs: 30 })).outcome.status).toBe('completed')
  })
})

describe('the time limit counts only the plugin\'s own time', () => {
  it('does not run while a service call is in flight', async () => {
    const { outcome, world } = await advance('test.on-service', [], { runTimeLimitMs: 250, serviceMs: 750, attributes: { own: 10 } })
    expect(outcome).toMatchObject({ status: 'completed', error: null })
    expect(world.contact.tags).toEqual(['seen'])
  })

  it('adds up the plugin\'s time before and after a service call', async () => {
    const { outcome, world } = await advance('test.on-service', [], { runTimeLimitMs: 250, serviceMs: 300, attributes: { own: 150 } })
    expect(outcome).toMatchObject({ status: 'failed', error: 'node type test.on-service@1 (node "step") did not finish run() within 250 ms; its services are closed' })
    expect(world.contact.tags).toEqual(['seen'])
  })
})

describe('compiling a flow version', () => {
  it('names the node, type and version this process has not loaded', () => {
    const graph: FlowGraph = { nodes: [{ id: 'lost', type: 'gone.node', version: 3, config: {} }], edges: [] }
    const error = (() => {
      try {
        compileFlow(graph, new NodeRegistry())
      } catch (caught) {
        return caught
      }
    })()
    expect(error).toBeInstanceOf(NodeTypeNotLoaded)
    expect(error).toMatchObject({ nodeId: 'lost', type: 'gone.node', version: 3, message: 'node lost: node type gone.node@3 is not loaded' })
  })
})
