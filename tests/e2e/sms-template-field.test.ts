// send.sms 4's approved template in the editor, end to end: through an sms.aliyun channel a
// step sends a template's code and its parameters, drawn as one Liquid field per parameter;
// pasting the template's approved text finds its parameters and adds them as fields, and what
// the operator types is stored in the draft and publishes.
import { describe, expect, it } from 'vitest'
import type { E2EBrowser } from '../support/e2e-browser.ts'
import { canvasOf } from '../support/e2e-canvas.ts'
import type { KairosProcess } from '../support/e2e-kairos-process.ts'
import { browserSession } from '../support/e2e-session.ts'

let kairos: KairosProcess
let browser: E2EBrowser
const ready = browserSession((started) => ({ browser, kairos } = started))
const saved = () => expect.poll(() => browser.page.getByTestId('save-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved')

describe('an approved SMS template in the editor', () => {
  it('shows the template code and a field per parameter, finds parameters in pasted text, and stores them', { timeout: 90_000 }, async () => {
    ready()
    const { page } = browser
    const ui = canvasOf(page)
    const put = await kairos.api('PUT', '/api/channels/aliyun-main', {
      kind: 'sms.aliyun', config: { accessKeyId: 'LTAI5tExample', accessKeySecret: 'secret-secret', signName: '凯洛斯商城', endpoint: 'http://127.0.0.1:9', receiptToken: 'aliyun-receipt-token-e2e' },
    })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    const graph = {
      nodes: [
        { id: 'start', type: 'trigger.event', config: { event: 'coupon_due' }, position: { x: 0, y: 0 } },
        { id: 'sms', type: 'send.sms', config: { channel: 'aliyun-main', template: { code: 'SMS_154950909', params: { name: '{{ contact.name }}' } } }, position: { x: 0, y: 150 } },
      ],
      edges: [{ source: 'start', sourcePort: 'next', target: 'sms' }],
    }
    const created = await kairos.api('POST', '/api/flows', { name: 'Coupon SMS (e2e)', graph })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const flowId = created.body.id
    const configOf = async () => (await kairos.api('GET', `/api/flows/${flowId}`)).body.graph.nodes.find((n: { id: string }) => n.id === 'sms').config

    await page.goto(`${kairos.url}/#/flows/${flowId}`)
    await ui.select('sms')
    const field = ui.field('config.template')
    expect(await field.getAttribute('data-kind')).toBe('sms-template')
    expect(await field.getByTestId('sms-template-code').inputValue()).toBe('SMS_154950909')
    await expect.poll(() => field.getByTestId('sms-template-param').evaluateAll((els) => els.map((e) => e.getAttribute('data-param')))).toEqual(['name'])

    // The approved text names a second parameter: found, and added as a field.
    await field.getByTestId('sms-template-paste').fill('尊敬的${name}，您的优惠券${coupon}即将到期')
    await expect.poll(() => field.getByTestId('sms-template-found').innerText()).toContain('name, coupon')
    await field.getByTestId('sms-template-use-found').click()
    await expect.poll(() => field.getByTestId('sms-template-param').count()).toBe(2)
    await field.locator('[data-param="coupon"] textarea').fill('{{ event.properties.coupon }}')
    await saved()
    expect(await configOf()).toEqual({ channel: 'aliyun-main', template: { code: 'SMS_154950909', params: { name: '{{ contact.name }}', coupon: '{{ event.properties.coupon }}' } } })
    if (process.env.KAIROS_E2E_DEBUG) {
      await field.getByTestId('sms-template-code').scrollIntoViewIfNeeded()
      await page.screenshot({ path: '/tmp/kairos-e2e-sms-template.png' })
    }
    expect((await kairos.api('POST', `/api/flows/${flowId}/publish`, {})).status).toBe(200)
  })
})
