// A website with the Kairos snippet: an admin creates the site's public key in Settings, the
// install code goes into a page served from another origin (another port on 127.0.0.1), the
// page calls kairos.track and kairos.identify, and a journey starts for that visitor's contact.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import type { E2EBrowser } from '../support/e2e-browser.ts'
import type { KairosProcess } from '../support/e2e-kairos-process.ts'
import { browserSession } from '../support/e2e-session.ts'

let kairos: KairosProcess
let browser: E2EBrowser
const ready = browserSession((started) => ({ browser, kairos } = started))
// KAIROS_E2E_DEBUG=1: pictures of the key form and the new key's install code, in /tmp, to look at.
const debugShot = async (name: string) => {
  if (process.env.KAIROS_E2E_DEBUG) await browser.page.screenshot({ path: `/tmp/kairos-e2e-track-${name}.png`, fullPage: true })
}

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

/**
 * A flaky network between the page and Kairos: a real HTTP server on 127.0.0.1 that forwards
 * requests to Kairos as they came, except that it answers the first batch 503 without passing
 * it on, and passes the second on but answers 502 (Kairos stored it; the page never learns).
 * It records each batch the page sent, when, and the status the page got.
 */
async function flakyProxy(target: string): Promise<{ origin: string; server: Server; batches: Array<{ at: number; body: string; status: number }> }> {
  const batches: Array<{ at: number; body: string; status: number }> = []
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    const isBatch = request.url === '/v1/batch' && request.method === 'POST'
    const attempt = batches.length
    const cors = { 'access-control-allow-origin': String(request.headers.origin), 'content-type': 'text/plain' }
    if (isBatch && attempt === 0) {
      batches.push({ at: Date.now(), body, status: 503 })
      return void response.writeHead(503, cors).end('unavailable')
    }
    const headers: Record<string, string> = {}
    for (const name of ['content-type', 'origin', 'if-none-match']) if (request.headers[name]) headers[name] = String(request.headers[name])
    const answer = await fetch(target + request.url, { method: request.method, headers, body: request.method === 'GET' || request.method === 'HEAD' ? undefined : body })
    const payload = Buffer.from(await answer.arrayBuffer())
    if (isBatch && attempt === 1) {
      batches.push({ at: Date.now(), body, status: 502 })
      return void response.writeHead(502, cors).end('bad gateway')
    }
    if (isBatch) batches.push({ at: Date.now(), body, status: answer.status })
    const out: Record<string, string> = {}
    for (const name of ['content-type', 'access-control-allow-origin', 'vary', 'etag', 'cache-control']) {
      const value = answer.headers.get(name)
      if (value) out[name] = value
    }
    response.writeHead(answer.status, out).end(payload)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, batches }
}

const servers: Server[] = []
// The browser is still open here and holds keep-alive connections to the sites: closing them first,
// or close() waits out each one (a minute of the file's run, close to the hook's time limit under load).
afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => { s.close(resolve); s.closeAllConnections() }))))

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
    await debugShot('key-form')
    await page.getByTestId('key-create-submit').click()
    const secret = await page.getByTestId('key-secret').inputValue()
    expect(secret).toMatch(/^kai_pub_/)
    installCode = await page.getByTestId('key-install-code').inputValue()
    expect(installCode).toContain(`${kairos.url}/v1/kairos.js`)
    await debugShot('key-created')
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
      const k = (globalThis as any).kairos
      k.track('viewed_product', { sku: 'A-1' })
      k.identify('u42', { name: 'Li Wei', email: 'li@example.com' })
      k.track('added_to_cart', { sku: 'A-1' })
    })
    await page.waitForFunction(() => (globalThis as any).kairos?.loaded === true)
    await page.evaluate(() => (globalThis as any).kairos.flush())

    // The anonymous id is kept in the site's localStorage; the batch went to Kairos across origins.
    const anonymousId = await page.evaluate(() => (globalThis as any).localStorage.getItem('kairos_anonymous_id'))
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
      const k = (globalThis as any).kairos
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
      const k = (globalThis as any).kairos
      k.identify('mallory', { name: 'Mallory' })
      k.track('viewed_product', { sku: 'A-1' })
      return k.flush()
    })
    expect(failed).toEqual(['net::ERR_FAILED'])
    expect(browser.errors.some((e) => /blocked by CORS policy/.test(e))).toBe(true)
    expect((await kairos.api('GET', '/api/contacts/mallory')).status).toBe(404)
  })

  it('sends a batch again after a 5xx, with backoff and the same messageIds, so Kairos stores each event once however often it arrives', { timeout: 60_000 }, async () => {
    ready()
    const { page } = browser
    const proxy = await flakyProxy(kairos.url)
    servers.push(proxy.server)
    let key = ''
    const site = await shopSite(() => `<script src="${proxy.origin}/v1/kairos.js"></script><script>kairos.load('${key}', { host: '${proxy.origin}', flushAt: 2 })</script>`)
    servers.push(site.server)
    key = (await kairos.api('POST', '/api/api-keys', { name: 'Flaky shop', scopes: ['track'], allowedOrigins: [site.origin] })).body.secret
    await page.goto(`${site.origin}/`)
    await page.evaluate(() => {
      const k = (globalThis as any).kairos
      k.identify('retry-ann', { name: 'Ann' })
      k.track('viewed_product', { sku: 'R-1' })
      return k.flush()
    })
    expect(proxy.batches.map((b) => b.status)).toEqual([503, 502, 200])
    const ids = proxy.batches.map((b) => JSON.parse(b.body).batch.map((m: any) => m.messageId))
    expect(ids[1]).toEqual(ids[0])
    expect(ids[2]).toEqual(ids[0])
    // Backoff: about 1 s, then about 2 s (±20 %), between the attempts.
    expect(proxy.batches[1].at - proxy.batches[0].at).toBeGreaterThanOrEqual(750)
    expect(proxy.batches[2].at - proxy.batches[1].at).toBeGreaterThanOrEqual(1550)
    expect((await kairos.api('GET', '/api/contacts/retry-ann')).body.attributes).toEqual({ name: 'Ann' })
    // Kairos got the batch twice (the second answer was lost on the way back) and kept the event once.
    const db = new pg.Client({ connectionString: kairos.databaseUrl })
    await db.connect()
    try {
      const { rows } = await db.query(`select e.idempotency_id from events e join contacts c on c.id = e.contact_id where c.external_id = 'retry-ann'`)
      expect(rows).toEqual([{ idempotency_id: ids[0][1] }])
    } finally {
      await db.end()
    }
  })
})
