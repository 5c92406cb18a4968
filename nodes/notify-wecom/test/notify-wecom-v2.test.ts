import { describe, expect, it } from 'vitest'
import { untranslated, type SalesRep } from '@kairos/sdk'
import { runNode, type MemoryWorld } from '@kairos/sdk/testing'
import notifyWecomV1 from '../src/index.ts'
import notifyWecomV2 from '../src/v2.ts'

const rep: SalesRep = { id: 'r7', name: 'Li Lei', email: null, phone: null, wecomId: 'lilei', team: 'renewals', available: true }

function world(contact: Partial<MemoryWorld['contact']> = {}, reps: SalesRep[] = [rep]): MemoryWorld {
  return { contact: { id: '1', externalId: 'c-42', attributes: { name: 'Mei', subscription_end: '2027-03-04' }, tags: [], ownerId: 'r7', ...contact }, events: [], sent: [], reps }
}

const text = { channel: 'sales-app', text: '{{ owner.name }}: {{ contact.name }} renews on {{ contact.subscription_end }}' }

describe('notify.wecom v2', () => {
  it('is version 2 beside version 1, with a skipped port', () => {
    expect(notifyWecomV2).toMatchObject({ type: 'notify.wecom', version: 2, ports: ['next', 'failed', 'skipped'] })
  })

  it("sends the rendered text to the rep's WeCom id, transactional, as text by default", async () => {
    const { result, world: after } = await runNode(notifyWecomV2, { config: text, world: world() })
    expect(after.sent).toEqual([
      {
        channel: 'wecom', via: 'sales-app', to: 'lilei', body: 'Li Lei: Mei renews on 2027-03-04', data: { msgtype: 'text' },
        category: 'transactional', idempotencyKey: 'run:test-run:step:1:wecom',
      },
    ])
    expect(result).toEqual({ kind: 'port', port: 'next', output: { delivery: '1', owner: 'r7' } })
  })

  it('renders a text card: title, description and link from Liquid, the button as given', async () => {
    const config = { ...text, msgtype: 'textcard', title: 'Renewal: {{ contact.name }}', url: 'https://crm.example/c/{{ contact.externalId }}', button: '查看' }
    const { world: after } = await runNode(notifyWecomV2, { config, world: world() })
    expect(after.sent[0]).toMatchObject({ body: 'Li Lei: Mei renews on 2027-03-04', data: { msgtype: 'textcard', title: 'Renewal: Mei', url: 'https://crm.example/c/c-42', btntxt: '查看' } })
  })

  it('goes out skipped, saying why, when the rep has no WeCom id or there is no rep', async () => {
    const noId = await runNode(notifyWecomV2, { config: text, world: world({}, [{ ...rep, wecomId: null }]) })
    expect(noId.result).toEqual({ kind: 'port', port: 'skipped', output: { reason: 'sales rep Li Lei (r7) has no WeCom id', owner: 'r7' } })
    expect(noId.world.sent).toEqual([])
    const noRep = await runNode(notifyWecomV2, { config: text, world: world({ ownerId: null }) })
    expect(noRep.result).toEqual({ kind: 'port', port: 'skipped', output: { reason: 'the contact has no sales rep', owner: null } })
  })

  it('refuses at publish a text card without a title or link, a template that does not parse, and an unknown msgtype', async () => {
    await expect(runNode(notifyWecomV2, { config: { ...text, msgtype: 'textcard' }, world: world() })).rejects.toThrow(/config\.title is required for a text card.*config\.url is required for a text card/s)
    await expect(runNode(notifyWecomV2, { config: { ...text, title: '{{ x ' }, world: world() })).rejects.toThrow('config.title template does not parse')
    await expect(runNode(notifyWecomV2, { config: { ...text, msgtype: 'news' }, world: world() })).rejects.toThrow('config.msgtype')
  })
})

describe('notify.wecom translations', () => {
  it('translates both versions into zh-CN throughout', () => {
    expect(untranslated(notifyWecomV1, 'zh-CN')).toEqual([])
    expect(untranslated(notifyWecomV2, 'zh-CN')).toEqual([])
  })
})
