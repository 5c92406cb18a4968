// Words for what a starter needs and how it starts, in the editor's language. The starters'
// own texts come from the server in both languages; `localized` picks the one in use.
import { locale, t } from '../../i18n/index.ts'

/** The text of a server-sent `{ en, 'zh-CN' }` in the editor's language. */
export function localized(text: { en: string; 'zh-CN': string }): string {
  return text[locale.value] ?? text.en
}

const KIND_KEYS: Record<string, string> = {
  'sms.http': 'smsHttp',
  'email.smtp': 'emailSmtp',
  'wecom.robot': 'wecomRobot',
  'wecom.app': 'wecomApp',
  'call.http': 'callHttp',
  webhook: 'webhook',
}

/** A channel kind in words: "SMS channel", "企业微信群机器人". */
export function kindWord(kind: string): string {
  const key = KIND_KEYS[kind]
  return key ? t(`starters.kind.${key}`) : t('starters.kind.other', { kind })
}

const TRIGGER_KEYS: Record<string, string> = { 'trigger.event': 'event', 'trigger.date': 'date', 'trigger.schedule': 'schedule' }

/** How a starter starts, in words. */
export function triggerWord(type: string): string {
  return t(`starters.trigger.${TRIGGER_KEYS[type] ?? 'other'}`)
}
