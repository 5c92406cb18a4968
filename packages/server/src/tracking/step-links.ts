import { NO_LINK_TRACKER, type LinkTracker, type OutgoingMessage } from '@kairos/sdk'
import { clickUrl, linkCode, previewCode } from './link-code.ts'
import { rewriteEmailLinks } from './email-links.ts'
import type { TrackingSettings } from './tracking-settings.ts'

/** A tracked link to write with its delivery, in the delivery's transaction. */
export interface PendingLink {
  code: string
  delivery_id: string
  kind: 'click' | 'open'
  target: string | null
  position: number
  created_at: Date
}

/** The `track` filter's check of its input: an absolute http(s) URL, the only thing a redirect may go to. */
export function trackTarget(target: string): string {
  let url: URL
  try {
    url = new URL(target)
  } catch {
    throw new Error(`the track filter needs an absolute http(s) URL, got "${target.slice(0, 200)}"`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`the track filter links to http(s) URLs only, got "${target.slice(0, 200)}"`)
  return target
}

/**
 * The tracked links of one step of one run. Renders call `track` (the Liquid filter): each link
 * gets the code of `<step key>:link:<n>`, n counting the step's links, so a retried step (same
 * key, same templates) makes the same links. Nothing is stored here: `forDelivery` hands the
 * links a message carries to its delivery, and the unit of work writes them with it. A link
 * rendered into no delivered message is never stored, and its code leads nowhere.
 */
export class StepLinks implements LinkTracker {
  readonly #settings: TrackingSettings | undefined
  readonly #stepKey: string
  #key: Buffer | undefined
  readonly #made: Array<{ code: string; url: string; target: string; position: number; claimed: boolean }> = []

  constructor(settings: TrackingSettings | undefined, stepKey: string) {
    this.#settings = settings
    this.#stepKey = stepKey
  }

  /** Whether links are made at all (a public base URL is configured). */
  get enabled(): boolean {
    return this.#settings?.publicUrl !== undefined
  }

  /** Reads the code key before a render that may call `track` (the filter itself cannot wait). */
  async ready(): Promise<void> {
    if (this.enabled && !this.#settings!.preview) this.#key ??= await this.#settings!.key()
  }

  track(target: string): string {
    const base = this.#settings?.publicUrl
    if (base === undefined) throw new Error(NO_LINK_TRACKER)
    trackTarget(target)
    const position = this.#made.length
    if (this.#settings!.preview) {
      const url = clickUrl(base, previewCode(position))
      this.#made.push({ code: '', url, target, position, claimed: true })
      return url
    }
    if (!this.#key) throw new Error('tracked links: the code key was not read before the render (StepLinks.ready)')
    const code = linkCode(this.#key, `${this.#stepKey}:link:${position}`)
    const url = clickUrl(base, code)
    this.#made.push({ code, url, target, position, claimed: false })
    return url
  }

  /**
   * The links a message carries, for its delivery `deliveryId` (keyed `deliveryKey`): the step's
   * links its text contains, and for an email with HTML its rewritten links and open pixel (the
   * HTML to send instead is returned). A link goes to the first delivery that carries it.
   */
  async forDelivery(message: OutgoingMessage, deliveryId: string, deliveryKey: string, now: Date): Promise<{ html: string | undefined; links: PendingLink[] }> {
    const links: PendingLink[] = []
    const texts = [message.body, message.subject ?? '', message.html ?? '', message.data ? JSON.stringify(message.data) : ''].join('\n')
    for (const link of this.#made)
      if (!link.claimed && texts.includes(link.url)) {
        link.claimed = true
        links.push({ code: link.code, delivery_id: deliveryId, kind: 'click', target: link.target, position: link.position, created_at: now })
      }
    let html = message.html
    const base = this.#settings?.publicUrl
    if (message.channel === 'email' && html && base !== undefined && !this.#settings!.preview) {
      await this.ready()
      const key = this.#key!
      const rewritten = rewriteEmailLinks(html, base, (seed) => linkCode(key, `${deliveryKey}:${seed}`))
      html = rewritten.html
      let position = this.#made.length
      for (const link of rewritten.links)
        links.push({ code: link.code, delivery_id: deliveryId, kind: link.kind, target: link.target, position: link.kind === 'open' ? 0 : position++, created_at: now })
    }
    return { html, links }
  }
}
