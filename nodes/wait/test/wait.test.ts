import { describe, expect, it } from 'vitest'
import { runNode } from '@kairos/sdk/testing'
import wait from '../src/index.ts'

describe('wait', () => {
  it('asks the engine to wait for the configured duration, then go on through next', async () => {
    const { result } = await runNode(wait, { config: { for: '30m' } })
    expect(result).toEqual({ kind: 'wait', for: '30m', port: 'next' })
  })

  it('accepts compound durations', async () => {
    const { result } = await runNode(wait, { config: { for: '1d12h' } })
    expect(result).toMatchObject({ kind: 'wait', for: '1d12h' })
  })

  it('declares a single next port', () => {
    expect(wait.ports).toEqual(['next'])
    expect(wait.category).toBe('wait')
  })

  it('refuses a duration it cannot read, naming config.for', async () => {
    await expect(runNode(wait, { config: { for: 'soon' } })).rejects.toThrow(/config\.for must be a duration such as 30s, 5m or 3d/)
  })

  it('refuses a config without a duration', async () => {
    await expect(runNode(wait, { config: {} })).rejects.toThrow('config refused: config.for is required')
  })

  it('refuses a number of seconds given without a unit', async () => {
    await expect(runNode(wait, { config: { for: 30 } })).rejects.toThrow(/config\.for must be string/)
  })
})
