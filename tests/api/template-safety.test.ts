import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// Message templates are operator input: they cannot read files, and one that runs away fails
// within its limits, in the preview and in a send step, while the server keeps serving.
describe('template safety', () => {
  let kairos: TestKairos

  beforeAll(async () => {
    kairos = await startTestKairos()
  })
  afterAll(() => kairos?.stop())

  const preview = (template: string) => kairos.api('POST', '/api/templates/preview', { template })
  const smsFlow = (text: string, event = 'signed_up') => ({
    nodes: [
      { id: 'entry', type: 'trigger.event', config: { event } },
      { id: 'hello', type: 'send.sms', config: { text } },
    ],
    edges: [{ source: 'entry', target: 'hello' }],
  })
  // Passes parse, but four nested loops over 100 items run for ever at render time.
  const runaway =
    `{% assign a = "${'x'.repeat(100)}" | split: "" %}` +
    '{% for i in a %}{% for j in a %}{% for k in a %}{% for l in a %}{{ l }}{% endfor %}{% endfor %}{% endfor %}{% endfor %}'

  it.each(['include', 'render', 'layout'])('answers 400 to a preview using the %s tag, and reads no file', async (tag) => {
    const { status, body } = await preview(`{% ${tag} '.git/config' %}`)
    expect(status).toBe(400)
    const message = expect.stringContaining(`the "${tag}" tag is not allowed: templates cannot read files`)
    expect(body).toEqual({ error: { code: 'KAIROS_VALIDATION', message, details: [{ field: 'body.template', message }] } })
    expect(JSON.stringify(body)).not.toContain('[core]')
  })

  it('refuses to publish a flow whose send.sms text includes a file, naming the node and field', async () => {
    const created = await kairos.api('POST', '/api/flows', { name: 'Include', graph: smsFlow("Hi {% include 'package.json' %}") })
    expect(created.status).toBe(201)
    const { status, body } = await kairos.api('POST', `/api/flows/${created.body.id}/publish`)
    expect(status).toBe(400)
    expect(body.error.code).toBe('KAIROS_FLOW_INVALID')
    expect(body.error.details).toEqual([
      expect.objectContaining({ node: 'hello', field: 'config.text', message: expect.stringContaining('the "include" tag is not allowed') }),
    ])
  })

  it('fails the hundred-million loop at once on the memory limit', async () => {
    const started = performance.now()
    const { status, body } = await preview('{% for i in (1..100000000) %}x{% endfor %}')
    const ms = performance.now() - started
    expect(status).toBe(400)
    expect(body.error.details).toEqual([{ field: 'body.template', message: 'template exceeded the memory limit (1000000 values and characters allocated)' }])
    expect(ms).toBeLessThan(1000)
  })

  it('fails a runaway preview on the render time limit while /health keeps answering', async () => {
    const started = performance.now()
    let previewDone = 0
    const slow = preview(runaway).then((reply) => ((previewDone = performance.now() - started), reply))
    const health: Array<{ status: number; ms: number; duringPreview: boolean }> = []
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 150))
      const asked = performance.now()
      const { status } = await kairos.api('GET', '/health')
      health.push({ status, ms: performance.now() - asked, duringPreview: previewDone === 0 })
    }
    const { status, body } = await slow
    expect(status).toBe(400)
    expect(body.error).toMatchObject({ code: 'KAIROS_VALIDATION', details: [{ field: 'body.template', message: 'template exceeded the render time limit (1000 ms)' }] })
    expect(previewDone).toBeGreaterThanOrEqual(990)
    expect(previewDone).toBeLessThan(1500)
    expect(health.every((h) => h.status === 200 && h.duringPreview)).toBe(true)
    expect(Math.max(...health.map((h) => h.ms))).toBeLessThan(250)
  })

  it('fails a send step whose template runs away, with the limit on the run, and goes on serving', async () => {
    const flowId = await publishFlow(kairos, 'Runaway', smsFlow(runaway))
    await kairos.api('PUT', '/api/contacts/ana', { attributes: { phone: '+4915100000001' } })
    await kairos.api('POST', '/api/events', { contact: 'ana', name: 'signed_up' })
    await kairos.drain()
    const [run] = (await kairos.api('GET', `/api/runs?flow=${flowId}`)).body.runs
    expect(run).toMatchObject({ status: 'failed', nodeId: 'hello', error: 'template exceeded the render time limit (1000 ms)' })
    const { steps } = (await kairos.api('GET', `/api/runs/${run.id}`)).body
    expect(steps.at(-1)).toMatchObject({ node: 'hello', outcome: 'error', error: 'template exceeded the render time limit (1000 ms)' })
    expect((await kairos.api('GET', '/api/deliveries?contact=ana')).body.deliveries).toEqual([])

    // The worker is still there for the next journey.
    const friendly = await publishFlow(kairos, 'Friendly', smsFlow('Welcome {{ contact.externalId }}', 'joined'))
    await kairos.api('POST', '/api/events', { contact: 'ana', name: 'joined' })
    await kairos.drain()
    expect((await kairos.api('GET', `/api/runs?flow=${friendly}`)).body.runs[0]).toMatchObject({ status: 'completed' })
    expect((await kairos.api('GET', '/api/deliveries?contact=ana')).body.deliveries.map((d: any) => d.body)).toEqual(['Welcome ana'])
  })
})
