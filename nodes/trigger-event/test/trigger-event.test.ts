import { describe, expect, it } from 'vitest'
import { runNode } from '@kairos/sdk/testing'
import type { EventTriggerSpec } from '@kairos/sdk'
import triggerEvent from '../src/index.ts'

const spec = triggerEvent.trigger as EventTriggerSpec<{ event: string; where?: Record<string, unknown> }>

describe('trigger.event', () => {
  it('lets the contact in through next', async () => {
    const { result } = await runNode(triggerEvent, { config: { event: 'cart_added' } })
    expect(result).toEqual({ kind: 'port', port: 'next', output: undefined })
  })

  it('declares the event it listens to and its filter', () => {
    const config = { event: 'cart_added', where: { amount: { gte: 100 } } }
    expect(triggerEvent.trigger?.kind).toBe('event')
    expect(spec.events(config)).toEqual(['cart_added'])
    expect(spec.where?.(config)).toEqual({ amount: { gte: 100 } })
  })

  it('declares no filter when none is configured', () => {
    expect(spec.where?.({ event: 'cart_added' })).toBeUndefined()
  })

  it('accepts a filter of literals and operators', async () => {
    const { result } = await runNode(triggerEvent, { config: { event: 'cart_added', where: { sku: 'A1', amount: { gte: 100 } } } })
    expect(result.kind).toBe('port')
  })

  it('refuses a config without an event', async () => {
    await expect(runNode(triggerEvent, { config: {} })).rejects.toThrow('config refused: config.event is required')
  })

  it('refuses an empty event name', async () => {
    await expect(runNode(triggerEvent, { config: { event: '' } })).rejects.toThrow(/config\.event must NOT have fewer than 1 characters/)
  })

  it('refuses an unknown operator in the filter, naming the property', async () => {
    await expect(runNode(triggerEvent, { config: { event: 'cart_added', where: { amount: { atLeast: 100 } } } })).rejects.toThrow(
      /config refused: config\.where\.amount unknown operator/,
    )
  })

  it('refuses an unknown config field', async () => {
    await expect(runNode(triggerEvent, { config: { event: 'cart_added', filter: {} } })).rejects.toThrow(
      'config refused: config.filter is not a known field',
    )
  })
})
