import { describe, expect, it } from 'vitest'
import type { DeliveryReceipt } from '@kairos/sdk'
import { runNode, type MemoryWorld } from '@kairos/sdk/testing'
import sendEmail from '../src/index.ts'

/** runNode with services patched by the test; only the result matters here. */
const runWithServices = async (definition: Parameters<typeof runNode>[0], options: Parameters<typeof runNode>[1]) =>
  (await runNode(definition, options)).result

const ana = { attributes: { name: 'Ana', email: 'ana@example.com', plan: 'Gold' } }
const config = {
  channel: 'smtp-main',
  subject: 'Your {{ contact.plan }} plan, {{ contact.name }}',
  text: 'Hi {{ contact.name | default: "there" }}, renew with {{ coupon.code | default: "no code" }}',
  html: '<p>Hi <b>{{ contact.name }}</b></p>',
}

describe('send.email', () => {
  it('declares its ports', () => {
    expect(sendEmail).toMatchObject({ type: 'send.email', version: 1, category: 'action', ports: ['next', 'failed', 'skipped'] })
  })

  it('renders subject, text and HTML and sends them through the channel to the address', async () => {
    const { result, world } = await runNode(sendEmail, { config, contact: ana })
    expect(world.sent).toEqual([
      {
        channel: 'email', via: 'smtp-main', to: 'ana@example.com', subject: 'Your Gold plan, Ana',
        body: 'Hi Ana, renew with no code', html: '<p>Hi <b>Ana</b></p>', category: 'marketing',
        idempotencyKey: 'run:test-run:step:1:email',
      },
    ])
    expect(result).toEqual({ kind: 'port', port: 'next', output: { delivery: '1', to: 'ana@example.com' } })
  })

  it('sends text only when no HTML is configured', async () => {
    const { world } = await runNode(sendEmail, { config: { ...config, html: undefined }, contact: ana })
    expect(world.sent[0]).not.toHaveProperty('html')
  })

  it('records the email in the outbox only when no channel is configured', async () => {
    const { result, world } = await runNode(sendEmail, { config: { subject: 'Hi', text: 'Hello' }, contact: ana })
    expect(world.sent).toMatchObject([{ channel: 'email', via: undefined, to: 'ana@example.com', subject: 'Hi', body: 'Hello' }])
    expect(result).toMatchObject({ port: 'next' })
  })

  it('uses the event and the coupon in templates', async () => {
    const event = { id: 'e1', name: 'cart_added', properties: { sku: 'SHOE-42' }, occurredAt: '2026-01-05T07:00:00Z' }
    const contact = { attributes: { ...ana.attributes, coupon: { code: 'RENEW-AB12CD' } } }
    const { world } = await runNode(sendEmail, { config: { ...config, subject: 'Still want {{ event.properties.sku }}?' }, contact, event })
    expect(world.sent[0]).toMatchObject({ subject: 'Still want SHOE-42?', body: 'Hi Ana, renew with RENEW-AB12CD' })
  })

  it('keeps the subject on one line whatever the contact data holds', async () => {
    const contact = { attributes: { email: 'ana@example.com', name: 'Ana\r\nBcc: all@example.com' } }
    const { world } = await runNode(sendEmail, { config: { subject: 'Hi {{ contact.name }}', text: 'x' }, contact })
    expect(world.sent[0].subject).toBe('Hi Ana Bcc: all@example.com')
  })

  it('sends to the attribute named by to, trimmed', async () => {
    const contact = { attributes: { email: 'ana@example.com', work: { email: ' ana@corp.example ' } } }
    const { world } = await runNode(sendEmail, { config: { ...config, to: 'work.email' }, contact })
    expect(world.sent[0].to).toBe('ana@corp.example')
  })

  it('sends transactional email as transactional', async () => {
    const { world } = await runNode(sendEmail, { config: { ...config, category: 'transactional' }, contact: ana })
    expect(world.sent[0].category).toBe('transactional')
  })

  it('skips a contact without an address, sending nothing', async () => {
    const { result, world } = await runNode(sendEmail, { config, contact: { attributes: { name: 'Ana' } } })
    expect(result).toEqual({ kind: 'port', port: 'skipped', output: { reason: 'contact has no email' } })
    expect(world.sent).toEqual([])
  })

  it('skips a blank or non-text address', async () => {
    for (const email of ['  ', 42, null]) {
      const { result } = await runNode(sendEmail, { config, contact: { attributes: { email } } })
      expect(result).toMatchObject({ port: 'skipped' })
    }
  })

  it('skips something that is not an email address, saying so', async () => {
    const { result, world } = await runNode(sendEmail, { config, contact: { attributes: { email: 'ana at example' } } })
    expect(result).toEqual({ kind: 'port', port: 'skipped', output: { reason: 'email "ana at example" is not an email address' } })
    expect(world.sent).toEqual([])
  })

  it('sends once when the step is retried', async () => {
    const first = await runNode(sendEmail, { config, contact: ana })
    await runNode(sendEmail, { config, world: first.world })
    expect(first.world.sent).toHaveLength(1)
  })

  describe("after the provider's answer", () => {
    const world = (): MemoryWorld => ({ contact: { id: '1', externalId: 'c', ...ana, tags: [], ownerId: null }, events: [], sent: [] })
    const answering = (status: DeliveryReceipt['status']) => async () => ({ id: 'd1', status, idempotencyKey: 'k', duplicate: false })

    it('waits for a queued delivery: sent → next, failed → failed', async () => {
      const result = await runWithServices(sendEmail, { config, world: world(), patch: (s) => void (s.messages.send = answering('queued')) })
      expect(result).toEqual({ kind: 'waitForDelivery', delivery: 'd1', ports: { sent: 'next', failed: 'failed', suppressed: 'skipped' }, output: { delivery: 'd1', to: 'ana@example.com' } })
    })

    it('goes through failed when the delivery already failed', async () => {
      const result = await runWithServices(sendEmail, { config, world: world(), patch: (s) => void (s.messages.send = answering('failed')) })
      expect(result).toMatchObject({ kind: 'port', port: 'failed' })
    })
  })

  describe('config checks at publish', () => {
    const refused = (c: unknown) => runNode(sendEmail, { config: c, contact: ana })

    it('requires a subject and a text', async () => {
      await expect(refused({ text: 'x' })).rejects.toThrow('config.subject is required')
      await expect(refused({ subject: 'x' })).rejects.toThrow('config.text is required')
    })

    it('refuses every template that does not parse, each by its field', async () => {
      const broken = { subject: '{{ a ', text: '{% if %}', html: '{{ b | nosuchfilter }}' }
      const error = await refused(broken).catch((e: Error) => e.message)
      expect(error).toContain('config.subject template does not parse')
      expect(error).toContain('config.text template does not parse')
      expect(error).toContain('config.html template does not parse')
    })

    it('refuses an unknown category and unknown fields', async () => {
      await expect(refused({ ...config, category: 'spam' })).rejects.toThrow('config.category')
      await expect(refused({ ...config, from: 'me@example.com' })).rejects.toThrow('config.from is not a known field')
    })
  })
})
