// A website with the Kairos snippet: an admin creates the site's public key in Settings, the
// install code goes into a page served from another origin (another port on 127.0.0.1), the
// page calls kairos.track and kairos.identify, and a journey starts for that visitor's contact.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import type { E2EBrowser } from '../support/e2e-browser.ts'
import type { KairosProcess } from '../support/e2e-kairos-process.ts'
import { browserSession } from '../support/e2e-session.ts'

let kairos: KairosProcess
let browser: E2EBrowser
const ready = browserSession((started) => ({ browser, kairos } = started))

/** A shop's web server: one page holding the install code, on its own port (its own origin). */
async function shopSite(installCode: () => string): Promise<{ origin: string; server: Server }> {
  const server = createServer((request, response) => {
    if (request.url === '/favicon.ico') return void response.writeHead(204).end()
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    response.end(`<!doctype html><html><head><title>Shop</title></head><body><h1>Product A-1</h1>${installCode()}</body></html>`)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
}

const servers: Server[] = []
afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))))

describe('the browser snippet on a website', () => {
  it('sends track and identify from a page on another origin, and a journey starts for the contact', { timeout: 120_000 }, async () => {
    ready()
    const { page } = browser
    const flow = await kairos.api('POST', '/api/flows', {
      name: 'Viewed a product',
      graph: {
        nodes: [
          { id: 'viewed', type: 'trigger.event', config: { event: 'viewed_product' }, position: { x: 0, y: 0 } },
          { id: 'mark', type: 'tag', config: { add: ['browsed'], remove: [] }, position: { x: 0, y: 180 } },
        ],
        edges: [{ source: 'viewed', target: 'mark' }],
        settings: { reentry: 'once' },
      },
    })
    expect((await kairos.api('POST', `/api/flows/${flow.body.id}/publish`, {})).status).toBe(200)

    // The shop's server listens first (the key needs its origin) and serves the install code set below.
    let installCode = ''
    const shop = await shopSite(() => installCode)
    servers.push(shop.server)

    // Settings → API keys: a website's key, for the shop's origin.
    await page.goto(kairos.url)
    await page.getByTestId('nav-settings').click()
    await page.getByTestId('settings-api-keys').click()
    await page.getByTestId('add-key').click()
    await page.getByTestId('key-name').fill('Shop website')
    await page.getByTestId('key-kind-website').check()
    await page.getByTestId('key-origins').fill(shop.origin)
    await page.getByTestId('key-create-submit').click()
    const secret = await page.getByTestId('key-secret').inputValue()
    expect(secret).toMatch(/^kai_pub_/)
    installCode = await page.getByTestId('key-install-code').inputValue()
    expect(installCode).toContain(`${kairos.url}/v1/kairos.js`)
    await page.getByTestId('key-secret-done').click()
    const row = page.locator('[data-testid=key-row][data-name="Shop website"]')
    expect(await row.getByTestId('key-origins-list').innerText()).toContain(shop.origin)

    // The shop's page: calls made before the snippet loaded are queued by the install code and replayed.
    const batches: string[] = []
    page.on('request', (request) => {
      if (request.url() === `${kairos.url}/v1/batch`) batches.push(request.postData() ?? '')
    })
    await page.goto(`${shop.origin}/`)
    await page.evaluate(() => {
      const k = (window as any).kairos
      k.track('viewed_product', { sku: 'A-1' })
      k.identify('u42', { name: 'Li Wei', email: 'li@example.com' })
      k.track('added_to_cart', { sku: 'A-1' })
    })
    await page.waitForFunction(() => (window as any).kairos?.loaded === true)
    await page.evaluate(() => (window as any).kairos.flush())

    // The anonymous id is kept in the site's localStorage; the batch went to Kairos across origins.
    const anonymousId = await page.evaluate(() => window.localStorage.getItem('kairos_anonymous_id'))
    expect(anonymousId).toMatch(/^[0-9a-f-]{36}$/)
    expect(batches.length).toBeGreaterThan(0)
    const sent = JSON.parse(batches[0])
    expect(sent.writeKey).toBe(secret)
    expect(sent.batch.map((m: any) => [m.type, m.event ?? null, m.userId ?? null, m.anonymousId])).toEqual([
      ['track', 'viewed_product', null, anonymousId],
      ['identify', null, 'u42', anonymousId],
      ['track', 'added_to_cart', 'u42', anonymousId],
    ])

    // The event sent before identify was the visitor's; identify moved it to u42, whose journey started.
    await expect.poll(async () => (await kairos.api('GET', `/api/runs?flow=${flow.body.id}&contact=u42`)).body.runs.map((r: any) => r.status), { timeout: 15_000 }).toEqual(['completed'])
    const contact = (await kairos.api('GET', '/api/contacts/u42')).body
    expect(contact).toMatchObject({ attributes: { name: 'Li Wei', email: 'li@example.com' }, tags: ['browsed'] })

    // Leaving the page hands what is queued to the browser (sendBeacon), which still delivers it.
    const left = await kairos.api('POST', '/api/flows', {
      name: 'Left the page',
      graph: {
        nodes: [
          { id: 'left', type: 'trigger.event', config: { event: 'left_page' }, position: { x: 0, y: 0 } },
          { id: 'mark', type: 'tag', config: { add: ['left'], remove: [] }, position: { x: 0, y: 180 } },
        ],
        edges: [{ source: 'left', target: 'mark' }],
      },
    })
    expect((await kairos.api('POST', `/api/flows/${left.body.id}/publish`, {})).status).toBe(200)
    await page.evaluate((key) => {
      const k = (window as any).kairos
      k.load(key, { flushInterval: 600_000 })
      k.track('left_page', { path: '/' })
    }, secret)
    await page.goto('about:blank')
    await expect.poll(async () => (await kairos.api('GET', '/api/contacts/u42')).body.tags, { timeout: 15_000 }).toEqual(['browsed', 'left'])
    expect(browser.errors).toEqual([])
  })

  it('is refused on a site whose origin the key does not list: nothing is stored', { timeout: 60_000 }, async () => {
    ready()
    const { page } = browser
    const keys = (await kairos.api('GET', '/api/api-keys')).body.keys
    expect(keys.some((k: any) => k.name === 'Shop website')).toBe(true)
    const created = await kairos.api('POST', '/api/api-keys', { name: 'Listed elsewhere', scopes: ['track'], allowedOrigins: ['https://shop.example'] })
    const code = `<script src="${kairos.url}/v1/kairos.js"></script><script>kairos.load('${created.body.secret}', { host: '${kairos.url}', maxAttempts: 1 })</script>`
    const stranger = await shopSite(() => code)
    servers.push(stranger.server)
    // Kairos answers 403 with no CORS header, so the browser fails the request for the page's code.
    const failed: string[] = []
    page.on('requestfailed', (request) => {
      if (request.url() === `${kairos.url}/v1/batch`) failed.push(request.failure()?.errorText ?? '')
    })
    await page.goto(`${stranger.origin}/`)
    await page.evaluate(() => {
      const k = (window as any).kairos
      k.identify('mallory', { name: 'Mallory' })
      k.track('viewed_product', { sku: 'A-1' })
      return k.flush()
    })
    expect(failed).toEqual(['net::ERR_FAILED'])
    expect(browser.errors.some((e) => /blocked by CORS policy/.test(e))).toBe(true)
    expect((await kairos.api('GET', '/api/contacts/mallory')).status).toBe(404)
  })
})
