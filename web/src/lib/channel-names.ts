// A message channel (`sms`, `wecom`, a plugin's `whatsapp`) as a person calls it, in the editor's
// language; a channel the catalog does not know is shown by its code.
import { i18n, t } from '../i18n/index.ts'

export function channelName(channel: string): string {
  const key = `outbox.channels.${channel}`
  return i18n.global.te(key) ? t(key) : channel
}
