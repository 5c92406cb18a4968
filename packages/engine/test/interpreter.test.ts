import { describe, expect, it } from 'vitest'
import { defineNode, goTo, Type, waitUntil, type ContactSnapshot, type EventSnapshot, type NodeContext } from '@kairos/sdk'
import { createMemoryServices, ManualClock, type MemoryWorld } from '@kairos/sdk/testing'
import { advanceRun, compileFlow, pinVersions, validateFlow, type AdvanceInput, type FlowGraph, type RunState } from '../src/index.ts'
import { coreRegistry } from './core-nodes.ts'

const START = new Date('2026-01-05T08:00:00Z')

const boom = defineNode({
  type: 'test.boom',
  version: 1,
  title: 'Throws',
  category: 'action',
  config: Type.Object({}),
  ports: ['next'],
  run: () => {
    throw new Error('provider exploded')
  },
})

const stray = defineNode({
  type: 'test.stray',
  version: 1,
  title: 'Returns an undeclared port',
  category: 'action',
  config: Type.Object({}),
  ports: ['next'],
  run: () => goTo('elsewhere'),
})

const seen: Array<NodeContext<object>> = []
const probe = defineNode({
  type: 'test.probe',
  version: 1,
  title: 'Records its context',
  category: 'action',
  config: Type.Object({}),
  ports: ['next'],
  run: (ctx) => {
    seen.push(ctx)
    return goTo('next', { probed: true })
  },
})

const overdue = defineNode({
  type: 'test.overdue',
  version: 1,
  title: 'Waits until a time already past',
  category: 'wait',
  config: Type.Object({}),
  ports: ['next'],
  run: ({ now }) => waitUntil(new Date(now.getTime() - 60_000)),
})

const registry = coreRegistry(boom, stray, probe, overdue)

type NodeSpec = [id: string, type: string, config?: Record<string, unknown>]

/**
 * A published flow from a list of nodes and `source:port>target` edges (port
 * defaults to next): validated (which fills config defaults), pinned, compiled.
 */
function flowOf(nodes: NodeSpec[], edges: string[], settings?: FlowGraph['settings']) {
  const graph: FlowGraph = {
    nodes: nodes.map(([id, type, config = {}]) => ({ id, type, config })),
    edges: edges.map((spec) => {
      const [from, target] = spec.split('>')
      const [source, sourcePort = 'next'] = from.split(':')
      return { source, sourcePort, target }
    }),
    settings,
  }
  const problems = validateFlow(graph, registry)
  if (problems.length > 0) throw new Error(`test flow is invalid: ${JSON.stringify(problems)}`)
  return compileFlow(pinVersions(graph, registry), registry)
}

function runAt(nodeId: string, seq = 0, extra: Partial<RunState> = {}): RunState {
  return {
    id: 'r1',
    flowId: 'f1',
    flowVersion: 1,
    contactId: 'c1',
    status: 'running',
    nodeId,
    nodeEnteredAt: START,
    seq,
    enteredAt: START,
    ...extra,
  }
}

/** Runs advanceRun against an in-memory world; returns the outcome and the world. */
async function advance(input: Omit<AdvanceInput, 'contact' | 'now' | 'services'> & { now?: Date; world?: MemoryWorld }) {
  const contact: ContactSnapshot = { id: 'c1', externalId: 'crm-1', attributes: { name: 'Ana', phone: '+8613800000000' }, tags: [], ownerId: null }
  const world: MemoryWorld = input.world ?? { contact, events: [], sent: [] }
  const now = input.now ?? START
  const clock = new ManualClock(now)
  const outcome = await advanceRun({
    ...input,
    contact: world.contact,
    now,
    services: ({ seq }) =>
      createMemoryServices(world, {
        clock,
        stepKey: `run:${input.run.id}:step:${seq}`,
        runEnteredAt: input.run.enteredAt,
        event: input.run.trigger,
        run: { id: input.run.id, flowId: input.run.flowId },
      }),
  })
  return { outcome, world }
}

describe('advanceRun', () => {
  const journey = flowOf(
    [
      ['entry', 'trigger.event', { event: 'cart_added' }],
      ['tagged', 'tag', { add: ['cart'] }],
      ['pause', 'wait', { for: '30m' }],
      ['sms', 'send.sms', { text: 'Hi {{ contact.name }}' }],
    ],
    ['entry>tagged', 'tagged>pause', 'pause>sms'],
  )

  it('runs through nodes that do not wait in one go and stops at a wait', async () => {
    const { outcome, world } = await advance({ run: runAt('entry'), flow: journey })
    expect(outcome).toMatchObject({ status: 'waiting', nodeId: 'pause', seq: 2, error: null, exitReason: null })
    expect(outcome.steps.map((s) => [s.nodeId, s.outcome, s.port, s.seq])).toEqual([
      ['entry', 'port', 'next', 0],
      ['tagged', 'port', 'next', 1],
    ])
    expect(world.contact.tags).toEqual(['cart'])
  })

  it('sets when a waiting run wakes and which port the wait leaves through', async () => {
    const { outcome } = await advance({ run: runAt('entry'), flow: journey })
    expect(outcome.wakeAt).toEqual(new Date('2026-01-05T08:30:00Z'))
    expect(outcome.wait).toEqual({ timeoutPort: 'next', output: undefined })
    expect(outcome.nodeEnteredAt).toEqual(START)
  })

  it('records each step with its node type, version and times', async () => {
    const { outcome } = await advance({ run: runAt('entry', 0, { nodeEnteredAt: new Date('2026-01-05T07:59:00Z') }), flow: journey })
    expect(outcome.steps[0]).toEqual({
      nodeId: 'entry',
      nodeType: 'trigger.event',
      nodeVersion: 1,
      seq: 0,
      enteredAt: new Date('2026-01-05T07:59:00Z'),
      leftAt: START,
      outcome: 'port',
      port: 'next',
      output: undefined,
    })
    expect(outcome.steps[1]).toMatchObject({ nodeId: 'tagged', enteredAt: START, output: { added: ['cart'], removed: [] } })
  })

  it('resumes a wait through the given port and runs on', async () => {
    const later = new Date('2026-01-05T08:30:00Z')
    const { outcome, world } = await advance({ run: runAt('pause', 2), flow: journey, now: later, resume: { port: 'next' } })
    expect(outcome.steps.map((s) => [s.nodeId, s.port, s.seq])).toEqual([
      ['pause', 'next', 2],
      ['sms', 'next', 3],
    ])
    expect(outcome).toMatchObject({ status: 'completed', nodeId: 'sms', seq: 4, nodeEnteredAt: later })
    expect(world.sent).toEqual([
      { channel: 'sms', to: '+8613800000000', body: 'Hi Ana', category: 'marketing', idempotencyKey: 'run:r1:step:3:sms' },
    ])
  })

  it('completes when a resumed wait has nothing connected to its port', async () => {
    const flow = flowOf([['entry', 'trigger.event', { event: 'e' }], ['pause', 'wait', { for: '1h' }]], ['entry>pause'])
    const { outcome } = await advance({ run: runAt('pause', 1), flow, resume: { port: 'next' } })
    expect(outcome.status).toBe('completed')
    expect(outcome.steps).toHaveLength(1)
  })

  it('goes straight on through a wait whose time has already come', async () => {
    const flow = flowOf(
      [['entry', 'trigger.event', { event: 'e' }], ['pause', 'test.overdue'], ['done', 'exit']],
      ['entry>pause', 'pause>done'],
    )
    const { outcome } = await advance({ run: runAt('entry'), flow })
    expect(outcome.steps.map((s) => s.nodeId)).toEqual(['entry', 'pause', 'done'])
    expect(outcome.status).toBe('exited')
  })

  it('waits for an event with its timeout, event filter and both ports', async () => {
    const flow = flowOf(
      [
        ['entry', 'trigger.event', { event: 'cart_added' }],
        ['ordered', 'wait.event', { event: 'order_placed', where: { amount: { gte: 100 } }, timeout: '24h' }],
      ],
      ['entry>ordered'],
    )
    const { outcome } = await advance({ run: runAt('entry'), flow })
    expect(outcome).toMatchObject({ status: 'waiting', nodeId: 'ordered', seq: 1, wakeAt: new Date('2026-01-06T08:00:00Z') })
    expect(outcome.wait).toEqual({
      timeoutPort: 'timeout',
      receivedPort: 'received',
      event: 'order_placed',
      where: { amount: { gte: 100 } },
      output: undefined,
    })
  })

  it('resumes an event wait through the received port, keeping the resume output on the step', async () => {
    const flow = flowOf(
      [
        ['entry', 'trigger.event', { event: 'cart_added' }],
        ['ordered', 'wait.event', { event: 'order_placed', timeout: '24h' }],
        ['won', 'tag', { add: ['recovered'] }],
        ['lost', 'tag', { add: ['abandoned'] }],
      ],
      ['entry>ordered', 'ordered:received>won', 'ordered:timeout>lost'],
    )
    const { outcome, world } = await advance({ run: runAt('ordered', 1), flow, resume: { port: 'received', output: { eventId: 'ev9' } } })
    expect(outcome.steps[0]).toMatchObject({ nodeId: 'ordered', outcome: 'port', port: 'received', output: { eventId: 'ev9' } })
    expect(outcome.status).toBe('completed')
    expect(world.contact.tags).toEqual(['recovered'])
  })

  it('exits at an exit node with its reason', async () => {
    const flow = flowOf([['entry', 'trigger.event', { event: 'e' }], ['done', 'exit', { reason: 'goal met' }]], ['entry>done'])
    const { outcome } = await advance({ run: runAt('entry'), flow })
    expect(outcome).toMatchObject({ status: 'exited', nodeId: 'done', exitReason: 'goal met', seq: 2 })
    expect(outcome.steps[1]).toMatchObject({ nodeId: 'done', outcome: 'exit', port: null, output: { reason: 'goal met' } })
  })

  it('names the exit node as the reason when the node gives none', async () => {
    const flow = flowOf([['entry', 'trigger.event', { event: 'e' }], ['done', 'exit']], ['entry>done'])
    const { outcome } = await advance({ run: runAt('entry'), flow })
    expect(outcome.exitReason).toBe('exit node done')
    expect(outcome.steps[1].output).toBeUndefined()
  })

  it('fails with an error step when a node throws', async () => {
    const flow = flowOf([['entry', 'trigger.event', { event: 'e' }], ['oops', 'test.boom']], ['entry>oops'])
    const { outcome } = await advance({ run: runAt('entry'), flow })
    expect(outcome).toMatchObject({ status: 'failed', nodeId: 'oops', error: 'provider exploded', seq: 2 })
    expect(outcome.steps[1]).toMatchObject({ nodeId: 'oops', outcome: 'error', port: null, error: 'provider exploded' })
  })

  it('fails when a node returns a port it does not declare', async () => {
    const flow = flowOf([['entry', 'trigger.event', { event: 'e' }], ['lost', 'test.stray']], ['entry>lost'])
    const { outcome } = await advance({ run: runAt('entry'), flow })
    expect(outcome).toMatchObject({ status: 'failed', nodeId: 'lost', error: 'node returned unknown port "elsewhere"' })
    expect(outcome.steps[1]).toMatchObject({ outcome: 'error', error: 'node returned unknown port "elsewhere"' })
  })

  it('completes when the port taken has no edge', async () => {
    const flow = flowOf(
      [['entry', 'trigger.event', { event: 'e' }], ['sms', 'send.sms', { text: 'hi' }], ['done', 'exit']],
      ['entry>sms', 'sms>done'],
    )
    const world: MemoryWorld = { contact: { id: 'c1', externalId: 'x', attributes: {}, tags: [], ownerId: null }, events: [], sent: [] }
    const { outcome } = await advance({ run: runAt('entry'), flow, world })
    expect(outcome).toMatchObject({ status: 'completed', nodeId: 'sms', seq: 2 })
    expect(outcome.steps[1]).toMatchObject({ nodeId: 'sms', port: 'skipped' })
  })

  it('fails when the run stands on a node the flow version does not have', async () => {
    const { outcome } = await advance({ run: runAt('removed', 3), flow: journey })
    expect(outcome).toMatchObject({ status: 'failed', error: 'node "removed" is not in flow version 1', steps: [] })
  })

  it('stays running when it runs out of its step budget, standing on the next node', async () => {
    const flow = flowOf(
      [['entry', 'trigger.event', { event: 'e' }], ['a', 'tag', { add: ['a'] }], ['b', 'tag', { add: ['b'] }], ['c', 'tag', { add: ['c'] }]],
      ['entry>a', 'a>b', 'b>c'],
    )
    const first = await advance({ run: runAt('entry'), flow, maxSteps: 2 })
    expect(first.outcome).toMatchObject({ status: 'running', nodeId: 'b', seq: 2, wakeAt: null })
    expect(first.outcome.steps.map((s) => s.nodeId)).toEqual(['entry', 'a'])
    const second = await advance({ run: runAt('b', 2), flow, maxSteps: 2, world: first.world })
    expect(second.outcome).toMatchObject({ status: 'completed', nodeId: 'c', seq: 4 })
    expect(second.world.contact.tags).toEqual(['a', 'b', 'c'])
  })

  it('gives nodes the run, its trigger event and the flow timezone', async () => {
    const flow = flowOf(
      [['entry', 'trigger.event', { event: 'cart_added' }], ['look', 'test.probe']],
      ['entry>look'],
      { reentry: 'once', exitOn: [], timezone: 'Asia/Shanghai' },
    )
    const trigger: EventSnapshot = { id: 'ev1', name: 'cart_added', properties: { sku: 'A1' }, occurredAt: START.toISOString() }
    seen.length = 0
    await advance({ run: runAt('entry', 0, { trigger }), flow })
    expect(seen).toHaveLength(1)
    expect(seen[0].event).toEqual(trigger)
    expect(seen[0].run).toEqual({ id: 'r1', flowId: 'f1', flowVersion: 1, nodeId: 'look', enteredAt: START, timezone: 'Asia/Shanghai' })
  })

  it('gives each step services keyed by its own seq', async () => {
    const flow = flowOf(
      [
        ['entry', 'trigger.event', { event: 'e' }],
        ['first', 'send.sms', { text: 'one' }],
        ['second', 'send.sms', { text: 'two' }],
      ],
      ['entry>first', 'first>second'],
    )
    const { world } = await advance({ run: runAt('entry', 10), flow })
    expect(world.sent.map((m) => [m.body, m.idempotencyKey])).toEqual([
      ['one', 'run:r1:step:11:sms'],
      ['two', 'run:r1:step:12:sms'],
    ])
  })
})
