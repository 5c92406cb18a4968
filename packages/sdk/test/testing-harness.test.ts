import { describe, expect, it } from 'vitest'
import { Type } from 'typebox'
import { defineNode } from '../src/define-node.ts'
import { exitRun, goTo, waitForEvent, type NodeResult } from '../src/results.ts'
import { ManualClock, runNode } from '../src/testing/index.ts'
import type { NodeContext } from '../src/define-node.ts'

describe('ManualClock', () => {
  it('starts at a fixed default time', () => {
    expect(new ManualClock().now()).toEqual(new Date('2026-01-05T08:00:00Z'))
  })

  it('starts at the given time', () => {
    expect(new ManualClock('2026-06-01T00:00:00Z').now()).toEqual(new Date('2026-06-01T00:00:00Z'))
  })

  it('advances by a duration and returns the new time', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z')
    expect(clock.advance('1d2h')).toEqual(new Date('2026-01-02T02:00:00Z'))
    expect(clock.now()).toEqual(new Date('2026-01-02T02:00:00Z'))
  })

  it('advances by milliseconds', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z')
    expect(clock.advance(1500)).toEqual(new Date('2026-01-01T00:00:01.500Z'))
  })

  it('is set to a given time', () => {
    const clock = new ManualClock()
    expect(clock.set('2027-01-01T00:00:00Z')).toEqual(new Date('2027-01-01T00:00:00Z'))
  })

  it('hands out copies, so a caller cannot move it', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z')
    clock.now().setFullYear(2030)
    expect(clock.now()).toEqual(new Date('2026-01-01T00:00:00Z'))
  })

  it('refuses to advance by a bad duration', () => {
    expect(() => new ManualClock().advance('soon')).toThrow(/not a duration/)
  })
})

/** A node that records what it was given and does what its config says. */
function probeNode() {
  const seen: Array<NodeContext<{ greeting: string; count: number }>> = []
  const node = defineNode({
    type: 'probe',
    version: 1,
    title: 'Probe',
    category: 'action',
    config: Type.Object({ greeting: Type.String({ minLength: 1 }), count: Type.Integer({ default: 1 }) }, { additionalProperties: false }),
    ports: ['next'],
    validate: (config) => (config.greeting === 'forbidden' ? [{ field: 'config.greeting', message: 'is forbidden' }] : []),
    async run(ctx) {
      seen.push(ctx)
      await ctx.services.contacts.tag({ add: ['probed'] })
      return goTo('next', { count: ctx.config.count })
    },
  })
  return { node, seen }
}

describe('runNode', () => {
  it('runs the node with its schema defaults applied and returns the result', async () => {
    const { node } = probeNode()
    const { result } = await runNode(node, { config: { greeting: 'hi' } })
    expect(result).toEqual({ kind: 'port', port: 'next', output: { count: 1 } })
  })

  it('does not change the config object the test passed in', async () => {
    const { node } = probeNode()
    const config = { greeting: 'hi' }
    await runNode(node, { config })
    expect(config).toEqual({ greeting: 'hi' })
  })

  it('refuses a config failing the schema, naming the field', async () => {
    const { node, seen } = probeNode()
    await expect(runNode(node, { config: { greeting: '' } })).rejects.toThrow('config refused: config.greeting must NOT have fewer than 1 characters')
    expect(seen).toEqual([])
  })

  it("refuses a config failing the node's own checks", async () => {
    const { node } = probeNode()
    await expect(runNode(node, { config: { greeting: 'forbidden' } })).rejects.toThrow('config refused: config.greeting is forbidden')
  })

  it('gives the node a default contact merged with the one given', async () => {
    const { node, seen } = probeNode()
    await runNode(node, { config: { greeting: 'hi' }, contact: { attributes: { name: 'Ana' } } })
    expect(seen[0].contact).toMatchObject({ id: '1', externalId: 'test-contact', attributes: { name: 'Ana' }, ownerId: null })
  })

  it("gives the node the clock's time and run facts", async () => {
    const { node, seen } = probeNode()
    const clock = new ManualClock('2026-02-02T10:00:00Z')
    const runEnteredAt = new Date('2026-02-01T00:00:00Z')
    await runNode(node, { config: { greeting: 'hi' }, clock, runEnteredAt, timezone: 'Asia/Shanghai' })
    expect(seen[0].now).toEqual(new Date('2026-02-02T10:00:00Z'))
    expect(seen[0].run).toEqual({
      id: 'test-run',
      flowId: 'test-flow',
      flowVersion: 1,
      nodeId: 'node',
      enteredAt: runEnteredAt,
      timezone: 'Asia/Shanghai',
    })
  })

  it('lets the node change the in-memory world', async () => {
    const { node } = probeNode()
    const { world } = await runNode(node, { config: { greeting: 'hi' }, contact: { tags: ['new'] } })
    expect(world.contact.tags).toEqual(['new', 'probed'])
  })

  it('keeps the world across calls when it is passed back in', async () => {
    const { node } = probeNode()
    const first = await runNode(node, { config: { greeting: 'hi' }, contact: { tags: ['new'] } })
    const second = await runNode(node, { config: { greeting: 'hi' }, contact: { tags: ['ignored'] }, world: first.world })
    expect(second.world).toBe(first.world)
    expect(second.world.contact.tags).toEqual(['new', 'probed'])
  })

  // The engine fails such a run ("node returned unknown port"); a harness that let it pass hid the bug until production.
  describe('refuses a result naming a port the node does not declare', () => {
    const returning = (result: NodeResult, ports: string[] | ((config: { arms: string[] }) => string[]) = ['next', 'failed']) =>
      defineNode({
        type: 'port.probe',
        version: 2,
        title: 'Port probe',
        category: 'action',
        config: Type.Object({ arms: Type.Array(Type.String(), { default: [] }) }),
        ports,
        run: async () => result,
      })

    it('for a port result, naming the node type, the port and the declared ports', async () => {
      await expect(runNode(returning(goTo('nxet')), { config: {} })).rejects.toThrow(
        'node type port.probe@2 returned port "nxet", which it does not declare (declared: next, failed)',
      )
    })

    it('for every port a wait names, against the ports its config declares', async () => {
      const ports = (config: { arms: string[] }) => config.arms
      const node = returning(waitForEvent({ event: 'paid', timeout: { for: '1d' }, ports: { received: 'a', timeout: 'late' } }), ports)
      await expect(runNode(node, { config: { arms: ['a', 'b'] } })).rejects.toThrow('node type port.probe@2 returned port "late", which it does not declare (declared: a, b)')
      await expect(runNode(node, { config: { arms: ['a', 'late'] } })).resolves.toMatchObject({ result: { kind: 'waitForEvent' } })
      const delivery = returning({ kind: 'waitForDelivery', delivery: '1', ports: { sent: 'next', failed: 'failed', suppressed: 'quiet' } })
      await expect(runNode(delivery, { config: {} })).rejects.toThrow('returned port "quiet"')
    })

    it('but not an exit, which names no port', async () => {
      await expect(runNode(returning(exitRun('done'), []), { config: {} })).resolves.toMatchObject({ result: { kind: 'exit' } })
    })
  })
})

describe('runNode services', () => {
  function serviceNode(run: (ctx: NodeContext<object>) => Promise<void>) {
    return defineNode({
      type: 'service.probe',
      version: 1,
      title: 'Service probe',
      category: 'action',
      config: Type.Object({}),
      ports: ['next'],
      async run(ctx) {
        await run(ctx)
        return goTo('next')
      },
    })
  }

  it('records a message with the step key as idempotency key', async () => {
    const node = serviceNode(async ({ services }) => {
      await services.messages.send({ channel: 'sms', to: '+100', body: 'hi' })
    })
    const { world } = await runNode(node, { config: {}, stepKey: 'run:r1:step:4' })
    expect(world.sent).toEqual([{ channel: 'sms', to: '+100', body: 'hi', idempotencyKey: 'run:r1:step:4:sms' }])
  })

  it('sends once per step key and marks the repeat as a duplicate', async () => {
    const receipts: unknown[] = []
    const node = serviceNode(async ({ services }) => {
      receipts.push(await services.messages.send({ channel: 'sms', to: '+100', body: 'hi' }))
    })
    const { world } = await runNode(node, { config: {}, stepKey: 'k' })
    await runNode(node, { config: {}, stepKey: 'k', world })
    await runNode(node, { config: {}, stepKey: 'k2', world })
    expect(world.sent.map((m) => m.idempotencyKey)).toEqual(['k:sms', 'k2:sms'])
    expect(receipts).toEqual([
      { id: '1', status: 'sent', idempotencyKey: 'k:sms', duplicate: false },
      { id: '1', status: 'sent', idempotencyKey: 'k:sms', duplicate: true },
      { id: '2', status: 'sent', idempotencyKey: 'k2:sms', duplicate: false },
    ])
  })

  it('updates attributes: set, unset and increment', async () => {
    const node = serviceNode(async ({ services }) => {
      await services.contacts.update({ set: { tier: 'gold' }, unset: ['trial'], increment: { points: 5, visits: 1 } })
    })
    const { world } = await runNode(node, { config: {}, contact: { attributes: { trial: true, points: 10 } } })
    expect(world.contact.attributes).toEqual({ tier: 'gold', points: 15, visits: 1 })
  })

  it('renders templates with the contact, the event and extras', async () => {
    let text = ''
    const node = serviceNode(async ({ services }) => {
      text = await services.templates.render('{{ contact.name }} {{ event.properties.sku }} {{ run.id }} {{ code }}', { code: 'X1' })
    })
    const event = { id: 'e1', name: 'cart_added', properties: { sku: 'A1' }, occurredAt: '2026-01-05T07:00:00Z' }
    await runNode(node, { config: {}, contact: { attributes: { name: 'Ana' } }, event })
    expect(text).toBe('Ana A1 test-run X1')
  })

  it('evaluates event conditions against the given history since the run entered', async () => {
    const answers: boolean[] = []
    const node = serviceNode(async ({ services }) => {
      answers.push(await services.conditions.evaluate({ event: 'order_placed', since: 'entry' }))
      answers.push(await services.conditions.evaluate({ event: 'order_placed', where: { amount: { gte: 100 } } }))
    })
    await runNode(node, {
      config: {},
      runEnteredAt: new Date('2026-01-05T00:00:00Z'),
      events: [{ id: 'e1', name: 'order_placed', properties: { amount: 50 }, occurredAt: '2026-01-04T00:00:00Z' }],
    })
    expect(answers).toEqual([false, false])
  })

  it('evaluates event conditions as true when the history matches', async () => {
    const answers: boolean[] = []
    const node = serviceNode(async ({ services }) => {
      answers.push(await services.conditions.evaluate({ event: 'order_placed', since: 'entry', where: { amount: { gte: 100 } } }))
    })
    await runNode(node, {
      config: {},
      runEnteredAt: new Date('2026-01-05T00:00:00Z'),
      events: [{ id: 'e1', name: 'order_placed', properties: { amount: 150 }, occurredAt: '2026-01-05T06:00:00Z' }],
    })
    expect(answers).toEqual([true])
  })
})
