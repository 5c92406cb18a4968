import { describe, expect, it } from 'vitest'
import { runNode } from '@kairos/sdk/testing'
import exit from '../src/index.ts'

describe('exit', () => {
  it('ends the run with the configured reason', async () => {
    const { result } = await runNode(exit, { config: { reason: 'bought already' } })
    expect(result).toEqual({ kind: 'exit', reason: 'bought already' })
  })

  it('ends the run without a reason when none is configured', async () => {
    const { result } = await runNode(exit, { config: {} })
    expect(result).toEqual({ kind: 'exit', reason: undefined })
  })

  it('has no ports to leave through', () => {
    expect(exit.ports).toEqual([])
  })

  it('refuses a reason longer than 200 characters', async () => {
    await expect(runNode(exit, { config: { reason: 'x'.repeat(201) } })).rejects.toThrow(/config\.reason must NOT have more than 200 characters/)
  })

  it('refuses an unknown config field', async () => {
    await expect(runNode(exit, { config: { goal: 'x' } })).rejects.toThrow('config refused: config.goal is not a known field')
  })
})
