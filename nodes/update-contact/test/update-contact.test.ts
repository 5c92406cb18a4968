import { describe, expect, it } from 'vitest'
import type { AttributeChange } from '@kairos/sdk'
import { createMemoryServices, ManualClock, runNode, type MemoryWorld } from '@kairos/sdk/testing'
import updateContact from '../src/index.ts'

const ada = { attributes: { name: 'Ada', lead_score: 40, stage: 'lead', temp: 'x' } }
const order = { id: 'e1', name: 'order_placed', properties: { sku: 'A1', total: 120 }, occurredAt: '2026-01-05T07:00:00Z' }

describe('update.contact', () => {
  it('is an action node of type update.contact, version 1, with one next port', () => {
    expect(updateContact).toMatchObject({ type: 'update.contact', version: 1, category: 'action', ports: ['next'] })
  })

  it('sets constant values of any JSON type', async () => {
    const set = { stage: 'customer', vip: true, plan: null, seats: 5, interests: ['sms', 'email'], address: { city: 'Berlin' } }
    const { result, world } = await runNode(updateContact, { config: { set }, contact: ada })
    expect(world.contact.attributes).toEqual({ ...ada.attributes, ...set })
    expect(result).toEqual({ kind: 'port', port: 'next', output: { set } })
  })

  it('renders text with Liquid markup for the contact and the event', async () => {
    const { result, world } = await runNode(updateContact, {
      config: { set: { last_sku: '{{ event.properties.sku }}', greeting: 'Hi {{ contact.name | upcase }}', note: '{% if contact.lead_score > 30 %}warm{% else %}cold{% endif %}' } },
      contact: ada,
      event: order,
    })
    const expected = { last_sku: 'A1', greeting: 'Hi ADA', note: 'warm' }
    expect(world.contact.attributes).toMatchObject(expected)
    expect(result).toMatchObject({ output: { set: expected } })
  })

  it('stores a rendered number as text', async () => {
    const { world } = await runNode(updateContact, { config: { set: { last_total: '{{ event.properties.total }}' } }, event: order })
    expect(world.contact.attributes.last_total).toBe('120')
  })

  it('stores text without markup as written, braces and all', async () => {
    const set = { motto: 'say {hello}', code: '}} not a template' }
    const { world } = await runNode(updateContact, { config: { set } })
    expect(world.contact.attributes).toEqual(set)
  })

  it('renders every template against the contact as it entered the step', async () => {
    const { world } = await runNode(updateContact, {
      config: { set: { name: 'Grace', previous_name: '{{ contact.name }}' } },
      contact: ada,
    })
    expect(world.contact.attributes).toMatchObject({ name: 'Grace', previous_name: 'Ada' })
  })

  it('removes attributes', async () => {
    const { result, world } = await runNode(updateContact, { config: { unset: ['temp', 'never_there'] }, contact: ada })
    expect(world.contact.attributes).toEqual({ name: 'Ada', lead_score: 40, stage: 'lead' })
    expect(result).toEqual({ kind: 'port', port: 'next', output: { unset: ['temp', 'never_there'] } })
  })

  it('adds to numbers: lead score +10, and from nothing', async () => {
    const { result, world } = await runNode(updateContact, { config: { increment: { lead_score: 10, visits: 1 } }, contact: ada })
    expect(world.contact.attributes).toMatchObject({ lead_score: 50, visits: 1 })
    expect(result).toEqual({ kind: 'port', port: 'next', output: { increment: { lead_score: 10, visits: 1 } } })
  })

  it('subtracts with a negative amount', async () => {
    const { world } = await runNode(updateContact, { config: { increment: { lead_score: -15.5 } }, contact: ada })
    expect(world.contact.attributes.lead_score).toBe(24.5)
  })

  it('does all three in one update and reports each', async () => {
    const { result, world } = await runNode(updateContact, {
      config: { set: { stage: 'customer' }, unset: ['temp'], increment: { lead_score: 10 } },
      contact: ada,
    })
    expect(world.contact.attributes).toEqual({ name: 'Ada', lead_score: 50, stage: 'customer' })
    expect(result).toEqual({
      kind: 'port',
      port: 'next',
      output: { set: { stage: 'customer' }, unset: ['temp'], increment: { lead_score: 10 } },
    })
  })

  it('leaves out of the output what the config leaves empty', async () => {
    const { result } = await runNode(updateContact, { config: { set: {}, unset: [], increment: { lead_score: 1 } }, contact: ada })
    expect(result).toEqual({ kind: 'port', port: 'next', output: { increment: { lead_score: 1 } } })
  })

  it('calls contacts.update exactly once with the whole change', async () => {
    const world: MemoryWorld = { contact: { id: '1', externalId: 'ada', attributes: { ...ada.attributes }, tags: [], ownerId: null }, events: [], sent: [] }
    const clock = new ManualClock()
    const services = createMemoryServices(world, { clock, stepKey: 'run:r:1', runEnteredAt: clock.now(), run: { id: 'r', flowId: 'f' } })
    const calls: AttributeChange[] = []
    const update = services.contacts.update
    services.contacts.update = async (change) => {
      calls.push(change)
      return update(change)
    }
    const run = { id: 'r', flowId: 'f', flowVersion: 1, nodeId: 'n', enteredAt: clock.now(), timezone: 'UTC' }
    const config = { set: { stage: 'customer', hello: 'Hi {{ contact.name }}' }, unset: ['temp'], increment: { lead_score: 10 } }
    await updateContact.run({ config, contact: world.contact, run, now: clock.now(), services })
    expect(calls).toEqual([{ set: { stage: 'customer', hello: 'Hi Ada' }, unset: ['temp'], increment: { lead_score: 10 } }])
  })

  describe('config', () => {
    it.each([
      [{}, 'config set, unset or increment at least one attribute'],
      [{ set: {}, unset: [], increment: {} }, 'config set, unset or increment at least one attribute'],
      [{ set: { greeting: 'Hi {{ contact.name ' } }, 'config.set.greeting template does not parse'],
      [{ set: { note: '{% if x %}open' } }, 'config.set.note template does not parse'],
      [{ set: { 'address.city': 'Berlin' } }, 'config.set.address.city "address.city" is not an attribute name'],
      [{ set: { '': 'x' } }, 'is not an attribute name'],
      [{ unset: ['has space'] }, 'config.unset[0] "has space" is not an attribute name'],
      [{ increment: { '1st': 1 } }, 'config.increment.1st "1st" is not an attribute name'],
      [{ set: { tags: ['vip'] } }, 'config.set.tags "tags" is tags (use the tag node), not an attribute'],
      [{ unset: ['ownerId'] }, 'config.unset[0] "ownerId" is the owner (use assign.sales), not an attribute'],
      [{ set: { score: 1 }, increment: { score: 1 } }, 'config.increment.score "score" is also in set'],
      [{ unset: ['score'], increment: { score: 1 } }, 'config.increment.score "score" is also in unset'],
      [{ set: { score: 1 }, unset: ['score'] }, 'config.unset[0] "score" is also in set'],
      [{ unset: ['a', 'a'] }, 'config.unset must NOT have duplicate items'],
      [{ increment: { score: '10' } }, 'config.increment.score must be number'],
      [{ add: { score: 1 } }, 'config.add is not a known field'],
    ])('refuses %j', async (config, message) => {
      await expect(runNode(updateContact, { config })).rejects.toThrow(message)
    })
  })
})
