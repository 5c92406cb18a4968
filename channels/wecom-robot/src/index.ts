import { defineChannel, httpOutcome, HttpUrl, Type, urlDestinations, type ChannelAnswer } from '@kairos/sdk'
import { i18n } from './i18n.ts'

/** WeCom answers 200 with `errcode`: 0 is success, 45009 (rate limited) is worth retrying. */
function wecomRefusal({ body }: ChannelAnswer): { error: string; retry: boolean } | null {
  const code = (body as { errcode?: number } | null)?.errcode
  if (code === 0 || code === undefined) return null
  return { error: `WeCom errcode ${code}: ${(body as { errmsg?: string }).errmsg ?? ''}`.trim(), retry: code === 45009 }
}

/**
 * A WeCom (企业微信) group robot: the message goes to the robot's webhook URL
 * as markdown. The URL carries the robot's key, so the whole URL is secret.
 */
export default defineChannel({
  kind: 'wecom.robot',
  carries: 'wecom',
  title: 'WeCom group robot',
  description: 'A WeCom (企业微信) group robot webhook',
  i18n,
  config: Type.Object({ webhookUrl: HttpUrl() }, { additionalProperties: false }),
  secret: ['webhookUrl'],
  destinations: urlDestinations('webhookUrl'),
  async send(message, ctx) {
    const answer = await ctx.http.post(ctx.config.webhookUrl, { json: { msgtype: 'markdown', markdown: { content: message.body } } })
    return httpOutcome(answer, { refuse: wecomRefusal })
  },
})
