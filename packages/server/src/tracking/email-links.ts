import { clickUrl, pixelUrl } from './link-code.ts'

/** A link the rewriting made: a click link to `target`, or the open pixel. */
export interface RewrittenLink {
  code: string
  kind: 'click' | 'open'
  target: string | null
}

const ANCHOR = /<a\b[^>]*>/gi
const HREF = /(\bhref\s*=\s*)("([^"]*)"|'([^']*)'|([^\s"'>]+))/i
const OPT_OUT = /\s+data-kairos-track\s*=\s*("off"|'off'|off\b)/i
const BODY_OPT_OUT = /<body\b[^>]*\bdata-kairos-track\s*=\s*("off"|'off'|off\b)/i
const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', '#38': '&', '#39': "'", '#34': '"' }
const unescapeHtml = (text: string) => text.replace(/&(amp|quot|apos|lt|gt|#38|#39|#34);/g, (_, name: string) => ENTITIES[name])

/**
 * Rewrites an email's HTML for tracking: each `<a href="http(s)://…">` points at a short link
 * instead (code from `code('href:<n>')`), and a 1×1 pixel (`code('open')`) goes before
 * `</body>`. Left as written: links with `data-kairos-track="off"` (the attribute is removed),
 * links already tracked (`| track`, they start with `<base>/c/`), `mailto:`, `tel:`, `#…` and
 * relative links; and the whole message when its `<body>` has `data-kairos-track="off"`.
 */
export function rewriteEmailLinks(html: string, base: string, code: (seed: string) => string): { html: string; links: RewrittenLink[] } {
  if (BODY_OPT_OUT.test(html)) return { html, links: [] }
  const links: RewrittenLink[] = []
  const tracked = `${base}/c/`
  let n = 0
  const rewritten = html.replace(ANCHOR, (tag) => {
    if (OPT_OUT.test(tag)) return tag.replace(OPT_OUT, '')
    const href = HREF.exec(tag)
    if (!href) return tag
    const target = unescapeHtml((href[3] ?? href[4] ?? href[5]).trim())
    if (!/^https?:\/\/[^\s/]/i.test(target) || target.startsWith(tracked)) return tag
    const link = { code: code(`href:${n++}`), kind: 'click' as const, target }
    links.push(link)
    return tag.replace(HREF, (_, name: string) => `${name}"${clickUrl(base, link.code)}"`)
  })
  const pixel = { code: code('open'), kind: 'open' as const, target: null }
  links.push(pixel)
  const img = `<img src="${pixelUrl(base, pixel.code)}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0">`
  const end = rewritten.search(/<\/body\s*>(?![\s\S]*<\/body\s*>)/i)
  return { html: end === -1 ? rewritten + img : rewritten.slice(0, end) + img + rewritten.slice(end), links }
}
