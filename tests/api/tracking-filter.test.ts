import { describe, expect, it } from 'vitest'
import { NO_LINK_TRACKER, renderTemplate } from '@kairos/sdk'
import { rewriteEmailLinks } from '../../packages/server/src/tracking/email-links.ts'
import { CODE_PATTERN, linkCode } from '../../packages/server/src/tracking/link-code.ts'
import { readConfig } from '../../packages/server/src/config.ts'

const BASE = 'https://go.shop.example'

// The `track` filter and the email rewriting on their own (no database): what a template renders,
// what it refuses, and which links of an email are rewritten.
describe('the track filter', () => {
  const links = () => {
    const made: string[] = []
    return { made, track: (target: string) => (made.push(target), `${BASE}/c/code${made.length}`) }
  }

  it('renders what the tracker makes for each link, in order, after other filters', async () => {
    const tracker = links()
    const text = await renderTemplate('{{ "https://shop.example/p/" | append: event.sku | track }} {{ "https://shop.example/sale" | track }}', { event: { sku: 'A1' } }, { links: tracker })
    expect(text).toBe(`${BASE}/c/code1 ${BASE}/c/code2`)
    expect(tracker.made).toEqual(['https://shop.example/p/A1', 'https://shop.example/sale'])
  })

  it('fails without a tracker, naming KAIROS_PUBLIC_URL, and on no URL at all', async () => {
    await expect(renderTemplate('{{ "https://shop.example" | track }}', {})).rejects.toThrow(NO_LINK_TRACKER)
    await expect(renderTemplate('{{ missing | track }}', {}, { links: links() })).rejects.toThrow('the track filter needs a URL to link to')
  })
})

describe('link codes', () => {
  it('are 10 letters and digits, the same for the same seed and key, different otherwise', () => {
    const key = Buffer.alloc(32, 7)
    const code = linkCode(key, 'run:1:2:link:0')
    expect(code).toMatch(CODE_PATTERN)
    expect(linkCode(key, 'run:1:2:link:0')).toBe(code)
    expect(linkCode(key, 'run:1:2:link:1')).not.toBe(code)
    expect(linkCode(Buffer.alloc(32, 8), 'run:1:2:link:0')).not.toBe(code)
  })
})

describe('email rewriting', () => {
  const code = (seed: string) => seed.replace(/\W/g, '')
  const rewrite = (html: string) => rewriteEmailLinks(html, BASE, code)

  it('rewrites double-quoted, single-quoted and bare hrefs and keeps the other attributes', () => {
    const { html, links } = rewrite(`<a href='https://a.example/x?y=1&amp;z=2' title="A">A</a><A HREF=https://b.example>B</A>`)
    expect(html).toBe(`<a href="${BASE}/c/href0" title="A">A</a><A HREF="${BASE}/c/href1">B</A><img src="${BASE}/o/open.gif" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0">`)
    expect(links).toEqual([
      { code: 'href0', kind: 'click', target: 'https://a.example/x?y=1&z=2' },
      { code: 'href1', kind: 'click', target: 'https://b.example' },
      { code: 'open', kind: 'open', target: null },
    ])
  })

  it('leaves links made with | track, opted-out, relative and non-http links; the pixel goes before the last </body>', () => {
    const source = `<body><a href="${BASE}/c/Ab3dE5gH9k">t</a><a data-kairos-track='off' href="https://x.example">x</a><a href="/p">r</a><a href="tel:+86">c</a><a name="top">n</a></body>`
    const { html, links } = rewrite(source)
    expect(links.map((l) => l.kind)).toEqual(['open'])
    expect(html).toBe(`<body><a href="${BASE}/c/Ab3dE5gH9k">t</a><a href="https://x.example">x</a><a href="/p">r</a><a href="tel:+86">c</a><a name="top">n</a><img src="${BASE}/o/open.gif" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0"></body>`)
  })

  it('leaves a message whose body opts out as written, with no pixel', () => {
    const source = '<body data-kairos-track="off"><a href="https://x.example">x</a></body>'
    expect(rewrite(source)).toEqual({ html: source, links: [] })
  })
})

describe('KAIROS_PUBLIC_URL', () => {
  const publicUrl = (value: string | undefined) => readConfig({ KAIROS_PUBLIC_URL: value }).publicUrl

  it('is optional, and kept without its trailing slash, path included', () => {
    expect(publicUrl(undefined)).toBeUndefined()
    expect(publicUrl('')).toBeUndefined()
    expect(publicUrl('https://go.shop.example/')).toBe('https://go.shop.example')
    expect(publicUrl('https://shop.example/kairos/')).toBe('https://shop.example/kairos')
  })

  it('refuses what cannot be a base of links, naming the variable', () => {
    expect(() => publicUrl('go.shop.example')).toThrow('KAIROS_PUBLIC_URL must be the address contacts reach Kairos at, such as https://go.shop.example, got "go.shop.example"')
    expect(() => publicUrl('ftp://go.shop.example')).toThrow('KAIROS_PUBLIC_URL must be an http or https URL')
    expect(() => publicUrl('https://go.shop.example/?x=1')).toThrow('KAIROS_PUBLIC_URL must have no query, fragment or credentials')
  })
})
