import { describe, expect, it } from 'vitest'
import type { AssignSpec, SalesRep } from '@kairos/sdk'
import { ManualClock, runNode, type MemoryWorld } from '@kairos/sdk/testing'
import assignSales from '../src/index.ts'

/** runNode with services patched by the test; only the result matters here. */
const runWithServices = async (definition: Parameters<typeof runNode>[0], options: Parameters<typeof runNode>[1]) =>
  (await runNode(definition, options)).result

const rep = (id: string, fields: Partial<SalesRep> = {}): SalesRep => ({
  id, name: `Rep ${id}`, email: null, phone: null, wecomId: null, team: null, available: true, ...fields,
})

/** A world with these reps and a contact (no owner unless given). */
function world(reps: SalesRep[], contact: Partial<MemoryWorld['contact']> = {}): MemoryWorld {
  return {
    contact: { id: '1', externalId: 'c-1', attributes: { name: 'Ana' }, tags: [], ownerId: null, ...contact },
    events: [],
    sent: [],
    reps,
  }
}

const north = { attribute: 'region', op: 'eq', value: 'north' }
const south = { attribute: 'region', op: 'eq', value: 'south' }

describe('assign.sales', () => {
  it('declares its ports and category', () => {
    expect(assignSales).toMatchObject({ type: 'assign.sales', version: 1, category: 'action', ports: ['next', 'unassigned'] })
  })

  it('makes an available rep the owner and goes on through next with the rep on the step', async () => {
    const { result, world: after } = await runNode(assignSales, { config: {}, world: world([rep('r1', { team: 'east' })]) })
    expect(result).toEqual({ kind: 'port', port: 'next', output: { rep: { id: 'r1', name: 'Rep r1', team: 'east' }, changed: true } })
    expect(after.contact.ownerId).toBe('r1')
  })

  it('skips reps marked unavailable', async () => {
    const { result } = await runNode(assignSales, { config: {}, world: world([rep('r1', { available: false }), rep('r2')]) })
    expect(result).toMatchObject({ port: 'next', output: { rep: { id: 'r2' } } })
  })

  it('goes through unassigned when no rep is available, leaving the contact unowned', async () => {
    const { result, world: after } = await runNode(assignSales, { config: {}, world: world([rep('r1', { available: false })]) })
    expect(result).toEqual({ kind: 'port', port: 'unassigned', output: { reason: 'no available rep' } })
    expect(after.contact.ownerId).toBeNull()
  })

  it('goes through unassigned when there are no reps at all', async () => {
    const { result } = await runNode(assignSales, { config: {}, world: world([]) })
    expect(result).toMatchObject({ port: 'unassigned' })
  })

  describe('keepOwner', () => {
    it('keeps an available current owner by default', async () => {
      const { result, world: after } = await runNode(assignSales, { config: {}, world: world([rep('r1'), rep('r2')], { ownerId: 'r2' }) })
      expect(result).toMatchObject({ port: 'next', output: { rep: { id: 'r2' }, changed: false } })
      expect(after.contact.ownerId).toBe('r2')
    })

    it('keeps the owner even when a rule names another team', async () => {
      const config = { rules: [{ when: north, team: 'north' }] }
      const reps = [rep('n1', { team: 'north' }), rep('s1', { team: 'south' })]
      const { result } = await runNode(assignSales, { config, world: world(reps, { ownerId: 's1', attributes: { region: 'north' } }) })
      expect(result).toMatchObject({ port: 'next', output: { rep: { id: 's1' }, changed: false, team: 'north', rule: 0 } })
    })

    it('reassigns when the owner is unavailable', async () => {
      const reps = [rep('r1'), rep('r2', { available: false })]
      const { result, world: after } = await runNode(assignSales, { config: {}, world: world(reps, { ownerId: 'r2' }) })
      expect(result).toMatchObject({ port: 'next', output: { rep: { id: 'r1' }, changed: true } })
      expect(after.contact.ownerId).toBe('r1')
    })

    it('reassigns an owned contact when keepOwner is false', async () => {
      const { result, world: after } = await runNode(assignSales, {
        config: { keepOwner: false },
        world: world([rep('r1'), rep('r2')], { ownerId: 'r2' }),
      })
      expect(result).toMatchObject({ port: 'next', output: { rep: { id: 'r1' }, changed: true } })
      expect(after.contact.ownerId).toBe('r1')
    })
  })

  describe('teams and rules', () => {
    const reps = [rep('e1', { team: 'east' }), rep('n1', { team: 'north' }), rep('s1', { team: 'south' })]

    it('picks only from the configured team', async () => {
      const { result } = await runNode(assignSales, { config: { team: 'south' }, world: world(reps) })
      expect(result).toMatchObject({ port: 'next', output: { rep: { id: 's1', team: 'south' }, team: 'south' } })
    })

    it('goes through unassigned, naming the team, when the team has no available rep', async () => {
      const { result } = await runNode(assignSales, { config: { team: 'west' }, world: world(reps) })
      expect(result).toEqual({ kind: 'port', port: 'unassigned', output: { reason: 'no available rep in team "west"', team: 'west' } })
    })

    it('routes by the first rule whose condition holds, recording which one', async () => {
      const config = { team: 'east', rules: [{ when: north, team: 'north' }, { when: south, team: 'south' }] }
      const { result } = await runNode(assignSales, { config, world: world(reps, { attributes: { region: 'south' } }) })
      expect(result).toMatchObject({ port: 'next', output: { rep: { id: 's1' }, team: 'south', rule: 1 } })
    })

    it('stops at the first matching rule even when a later one also holds', async () => {
      const config = { rules: [{ when: { tag: 'vip' }, team: 'north' }, { when: south, team: 'south' }] }
      const { result } = await runNode(assignSales, { config, world: world(reps, { tags: ['vip'], attributes: { region: 'south' } }) })
      expect(result).toMatchObject({ output: { rep: { id: 'n1' }, rule: 0 } })
    })

    it('falls back to team when no rule holds', async () => {
      const config = { team: 'east', rules: [{ when: north, team: 'north' }] }
      const { result } = await runNode(assignSales, { config, world: world(reps, { attributes: { region: 'west' } }) })
      expect(result).toEqual({ kind: 'port', port: 'next', output: { rep: { id: 'e1', name: 'Rep e1', team: 'east' }, changed: true, team: 'east' } })
    })

    it('falls back to every rep when no rule holds and no team is set', async () => {
      const config = { rules: [{ when: north, team: 'north' }] }
      const { result } = await runNode(assignSales, { config, world: world(reps) })
      expect(result).toMatchObject({ port: 'next', output: { rep: { id: 'e1' } } })
      expect(result).not.toHaveProperty('output.team')
    })

    it('goes through unassigned when the rule\'s team has nobody available, not to another team', async () => {
      const config = { team: 'east', rules: [{ when: north, team: 'north' }] }
      const sparse = [rep('e1', { team: 'east' }), rep('n1', { team: 'north', available: false })]
      const { result } = await runNode(assignSales, { config, world: world(sparse, { attributes: { region: 'north' } }) })
      expect(result).toMatchObject({ port: 'unassigned', output: { team: 'north', rule: 0 } })
    })
  })

  describe('what it asks the sales service for', () => {
    async function specFor(config: unknown, contact: Partial<MemoryWorld['contact']> = {}): Promise<AssignSpec> {
      let asked: AssignSpec | undefined
      await runWithServices(assignSales, {
        config,
        world: world([rep('r1', { team: 'north' })], contact),
        patch(services) {
          const assign = services.sales.assign
          services.sales.assign = (spec) => ((asked = spec), assign(spec))
        },
      })
      return asked!
    }

    it('round robin, keeping the owner, by default', async () => {
      expect(await specFor({})).toEqual({ strategy: 'round_robin', team: undefined, keepOwner: true })
    })

    it('the configured strategy and keepOwner', async () => {
      expect(await specFor({ strategy: 'fewest_open_tasks', keepOwner: false, team: 'east' })).toEqual({
        strategy: 'fewest_open_tasks', team: 'east', keepOwner: false,
      })
    })

    it('the team a rule resolved, without handing the rules on', async () => {
      const spec = await specFor({ team: 'east', rules: [{ when: north, team: 'north' }] }, { attributes: { region: 'north' } })
      expect(spec).toEqual({ strategy: 'round_robin', team: 'north', keepOwner: true })
    })
  })

  describe('follow-up task', () => {
    const task = { title: 'Follow up with {{ contact.name }} ({{ rep.name }})', due: '2h', notes: 'Region: {{ contact.region | default: "?" }}' }

    it('creates a follow_up task for the assigned rep, due after the duration, with templates rendered', async () => {
      const clock = new ManualClock('2026-03-02T01:00:00Z')
      const { result, world: after } = await runNode(assignSales, { config: { task }, clock, world: world([rep('r1', { name: 'Li Lei' })]) })
      expect(after.tasks).toEqual([
        { id: '1', kind: 'follow_up', title: 'Follow up with Ana (Li Lei)', notes: 'Region: ?', dueAt: new Date('2026-03-02T03:00:00Z'), repId: 'r1' },
      ])
      expect(result).toMatchObject({ port: 'next', output: { rep: { id: 'r1' }, taskId: '1' } })
    })

    it('gives the task to a kept owner', async () => {
      const { world: after } = await runNode(assignSales, { config: { task }, world: world([rep('r1'), rep('r2')], { ownerId: 'r2' }) })
      expect(after.tasks).toMatchObject([{ repId: 'r2' }])
    })

    it('leaves notes out when none are configured', async () => {
      const { world: after } = await runNode(assignSales, { config: { task: { title: 'Call back', due: '1d' } }, world: world([rep('r1')]) })
      expect(after.tasks?.[0].notes).toBeUndefined()
    })

    it('creates no task without a task config', async () => {
      const { result, world: after } = await runNode(assignSales, { config: {}, world: world([rep('r1')]) })
      expect(after.tasks).toBeUndefined()
      expect(result).not.toHaveProperty('output.taskId')
    })

    it('creates no task when nobody was assigned', async () => {
      const { result, world: after } = await runNode(assignSales, { config: { task }, world: world([]) })
      expect(result).toMatchObject({ port: 'unassigned' })
      expect(after.tasks).toBeUndefined()
    })
  })

  describe('config checks at publish', () => {
    const refused = (config: unknown) => runNode(assignSales, { config, world: world([rep('r1')]) })

    it('refuses an unknown strategy', async () => {
      await expect(refused({ strategy: 'random' })).rejects.toThrow('config.strategy')
    })

    it('refuses a malformed rule condition, naming its path', async () => {
      const config = { rules: [{ when: north, team: 'north' }, { when: { attribute: 'region', op: 'like', value: 'x' }, team: 'south' }] }
      await expect(refused(config)).rejects.toThrow('config.rules[1].when.op must be one of')
    })

    it('refuses unknown keys in a rule condition', async () => {
      await expect(refused({ rules: [{ when: { tag: 'vip', colour: 'red' }, team: 'x' } ] })).rejects.toThrow('config.rules[0].when.colour')
    })

    it('refuses a rule without a team', async () => {
      await expect(refused({ rules: [{ when: north }] })).rejects.toThrow('config.rules[0].team is required')
    })

    it('refuses a task title that does not parse', async () => {
      await expect(refused({ task: { title: 'Hi {{ contact.name ', due: '1h' } })).rejects.toThrow('config.task.title template does not parse')
    })

    it('refuses task notes that do not parse', async () => {
      await expect(refused({ task: { title: 'Hi', due: '1h', notes: '{% if %}' } })).rejects.toThrow('config.task.notes template does not parse')
    })

    it('refuses a task due that is not a duration', async () => {
      await expect(refused({ task: { title: 'Hi', due: 'tomorrow' } })).rejects.toThrow('config.task.due must be a duration')
    })

    it('refuses unknown fields', async () => {
      await expect(refused({ strategy: 'round_robin', region: 'north' })).rejects.toThrow('config.region is not a known field')
    })
  })
})
