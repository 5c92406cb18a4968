import { describe, expect, it } from 'vitest'
import { runNode } from '@kairos/sdk/testing'
import sendSms from '../src/index.ts'

const ana = { attributes: { name: 'Ana', phone: '+8613800000000' } }
const cartAdded = { id: 'ev1', name: 'cart_added', properties: { sku: 'SHOE-42' }, occurredAt: '2026-01-05T07:00:00Z' }

describe('send.sms', () => {
  it('renders the text with contact attributes and event properties and sends it to the phone', async () => {
    const config = { text: 'Hi {{ contact.name }}, your {{ event.properties.sku }} is waiting' }
    const { world } = await runNode(sendSms, { config, contact: ana, event: cartAdded })
    expect(world.sent).toEqual([
      {
        channel: 'sms',
        to: '+8613800000000',
        body: 'Hi Ana, your SHOE-42 is waiting',
        category: 'marketing',
        idempotencyKey: 'run:test-run:step:1:sms',
      },
    ])
  })

  it('goes on through next with the delivery id', async () => {
    const { result } = await runNode(sendSms, { config: { text: 'hi' }, contact: ana })
    expect(result).toEqual({ kind: 'port', port: 'next', output: { delivery: '1', duplicate: false } })
  })

  it('falls back to Liquid defaults for missing values', async () => {
    const config = { text: 'Hi {{ contact.name | default: "there" }}{{ event.properties.sku }}' }
    const { world } = await runNode(sendSms, { config, contact: { attributes: { phone: '+100' } } })
    expect(world.sent[0].body).toBe('Hi there')
  })

  it('sends to the attribute named by to', async () => {
    const config = { text: 'hi', to: 'work.mobile' }
    const { world } = await runNode(sendSms, { config, contact: { attributes: { phone: '+100', work: { mobile: '+200' } } } })
    expect(world.sent[0].to).toBe('+200')
  })

  it('sends transactional messages as transactional', async () => {
    const { world } = await runNode(sendSms, { config: { text: 'Your code is 1234', category: 'transactional' }, contact: ana })
    expect(world.sent[0].category).toBe('transactional')
  })

  it('skips a contact without a phone, sending nothing', async () => {
    const { result, world } = await runNode(sendSms, { config: { text: 'hi' }, contact: { attributes: { name: 'Ana' } } })
    expect(result).toEqual({ kind: 'port', port: 'skipped', output: { reason: 'contact has no phone' } })
    expect(world.sent).toEqual([])
  })

  it('skips a contact whose phone is blank', async () => {
    const { result } = await runNode(sendSms, { config: { text: 'hi' }, contact: { attributes: { phone: '  ' } } })
    expect(result).toMatchObject({ port: 'skipped' })
  })

  it('skips a contact whose phone is not text', async () => {
    const { result } = await runNode(sendSms, { config: { text: 'hi' }, contact: { attributes: { phone: 8613800000000 } } })
    expect(result).toMatchObject({ port: 'skipped' })
  })

  it('records one message when the same step runs twice', async () => {
    const first = await runNode(sendSms, { config: { text: 'hi' }, contact: ana, stepKey: 'run:r1:step:3' })
    const second = await runNode(sendSms, { config: { text: 'hi' }, world: first.world, stepKey: 'run:r1:step:3' })
    expect(second.world.sent).toHaveLength(1)
    expect(second.result).toEqual({ kind: 'port', port: 'next', output: { delivery: '1', duplicate: true } })
  })

  it('records a second message for another step', async () => {
    const first = await runNode(sendSms, { config: { text: 'hi' }, contact: ana, stepKey: 'run:r1:step:3' })
    const second = await runNode(sendSms, { config: { text: 'hi again' }, world: first.world, stepKey: 'run:r1:step:7' })
    expect(second.world.sent.map((m) => m.body)).toEqual(['hi', 'hi again'])
  })

  it('refuses a template that does not parse, naming config.text', async () => {
    await expect(runNode(sendSms, { config: { text: 'Hi {{ contact.name' }, contact: ana })).rejects.toThrow(
      /config refused: config\.text template does not parse/,
    )
  })

  it('refuses a template with an unknown filter', async () => {
    await expect(runNode(sendSms, { config: { text: '{{ contact.name | shout }}' }, contact: ana })).rejects.toThrow(/undefined filter: shout/)
  })

  it('refuses an empty text', async () => {
    await expect(runNode(sendSms, { config: { text: '' } })).rejects.toThrow(/config\.text must NOT have fewer than 1 characters/)
  })

  it('refuses an unknown category', async () => {
    await expect(runNode(sendSms, { config: { text: 'hi', category: 'spam' } })).rejects.toThrow(/config\.category must match a schema in anyOf/)
  })
})
