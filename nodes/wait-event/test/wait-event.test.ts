import { describe, expect, it } from 'vitest'
import { runNode } from '@kairos/sdk/testing'
import waitEvent from '../src/index.ts'

describe('wait.event', () => {
  it('waits for the event or the timeout, one port each', async () => {
    const { result } = await runNode(waitEvent, { config: { event: 'order_placed', timeout: '24h' } })
    expect(result).toEqual({
      kind: 'waitForEvent',
      event: 'order_placed',
      where: undefined,
      timeout: { for: '24h' },
      ports: { received: 'received', timeout: 'timeout' },
    })
  })

  it('passes the event filter on', async () => {
    const { result } = await runNode(waitEvent, { config: { event: 'order_placed', where: { amount: { gte: 100 } }, timeout: '2d' } })
    expect(result).toMatchObject({ kind: 'waitForEvent', where: { amount: { gte: 100 } } })
  })

  it('declares the received and timeout ports', () => {
    expect(waitEvent.ports).toEqual(['received', 'timeout'])
  })

  it('refuses a config without a timeout', async () => {
    await expect(runNode(waitEvent, { config: { event: 'order_placed' } })).rejects.toThrow('config refused: config.timeout is required')
  })

  it('refuses a timeout that is not a duration', async () => {
    await expect(runNode(waitEvent, { config: { event: 'order_placed', timeout: 'tomorrow' } })).rejects.toThrow(
      /config\.timeout must be a duration such as 30s, 5m or 3d/,
    )
  })

  it('refuses an unknown operator in the filter', async () => {
    await expect(runNode(waitEvent, { config: { event: 'order_placed', timeout: '1d', where: { amount: { over: 1 } } } })).rejects.toThrow(
      /config\.where\.amount unknown operator/,
    )
  })
})
