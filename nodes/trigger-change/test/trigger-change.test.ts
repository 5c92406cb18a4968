import { describe, expect, it } from 'vitest'
import { portsOf, type ChangeTriggerSpec } from '@kairos/sdk'
import { runNode } from '@kairos/sdk/testing'
import triggerChange from '../src/index.ts'

const spec = triggerChange.trigger as ChangeTriggerSpec<Record<string, unknown>>
const refused = (config: unknown) => runNode(triggerChange, { config })

describe('trigger.change', () => {
  it('is a trigger node of type trigger.change, version 1, with a next port', () => {
    expect(triggerChange).toMatchObject({ type: 'trigger.change', version: 1, category: 'trigger' })
    expect(portsOf(triggerChange, { attribute: 'stage' })).toEqual(['next'])
    expect(triggerChange.trigger?.kind).toBe('change')
  })

  it('lets the contact in through next', async () => {
    const { result } = await runNode(triggerChange, { config: { attribute: 'stage', from: 'lead', to: 'mql' } })
    expect(result).toEqual({ kind: 'port', port: 'next', output: undefined })
  })

  describe('the change it declares', () => {
    it('watches an attribute from one value to another', () => {
      expect(spec.change({ attribute: 'stage', from: 'lead', to: 'mql' })).toEqual({ attribute: 'stage', from: 'lead', to: 'mql' })
    })

    it('leaves from and to undefined (any value) when absent', () => {
      const change = spec.change({ attribute: 'tier' })
      expect(change).toEqual({ attribute: 'tier', from: undefined, to: undefined })
    })

    it('keeps null (not set / removed) apart from absent', () => {
      expect(spec.change({ attribute: 'coupon', from: null })).toEqual({ attribute: 'coupon', from: null, to: undefined })
      expect(spec.change({ attribute: 'coupon', to: null }).to).toBeNull()
    })

    it('keeps numbers and booleans as typed', () => {
      expect(spec.change({ attribute: 'score', from: 0, to: 100 })).toEqual({ attribute: 'score', from: 0, to: 100 })
      expect(spec.change({ attribute: 'subscribed', to: false })).toEqual({ attribute: 'subscribed', from: undefined, to: false })
    })
  })

  describe('config', () => {
    it.each([
      [{ attribute: 'stage' }],
      [{ attribute: 'stage', to: 'mql' }],
      [{ attribute: 'stage', from: 'lead' }],
      [{ attribute: 'score', from: 1, to: 2.5 }],
      [{ attribute: 'subscribed', from: true, to: false }],
      [{ attribute: 'coupon', from: null, to: 'WELCOME10' }],
      [{ attribute: 'profile.city', to: 'Berlin' }],
    ])('accepts %j', async (config) => {
      await expect(runNode(triggerChange, { config })).resolves.toMatchObject({ result: { kind: 'port', port: 'next' } })
    })

    it.each([
      [{}, 'config.attribute is required'],
      [{ to: 'mql' }, 'config.attribute is required'],
      [{ attribute: '' }, 'config.attribute must NOT have fewer than 1 characters'],
      [{ attribute: 5 }, 'config.attribute must be string'],
      [{ attribute: 'stage', to: ['mql', 'sql'] }, 'config.to'],
      [{ attribute: 'stage', from: { value: 'lead' } }, 'config.from'],
      [{ attribute: 'stage', when: 'changed' }, 'config.when is not a known field'],
    ])('refuses %j', async (config, message) => {
      await expect(refused(config)).rejects.toThrow('config refused: ')
      await expect(refused(config)).rejects.toThrow(message)
    })
  })
})
