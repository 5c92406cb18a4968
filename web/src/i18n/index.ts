// The editor's message catalogs in one vue-i18n instance. Each file in ./messages/ is an area
// (shell, settings, contacts, …) exporting `{ en, 'zh-CN' }`; its keys live under the file's name,
// so `messages/shell.ts`'s `nav.journeys` is `t('shell.nav.journeys')`. Files are picked up by
// name: adding an area touches no other file. See README.md.
import { computed } from 'vue'
import { createI18n } from 'vue-i18n'
import { initialLocale, rememberLocale, type Locale } from './locale.ts'

export { LOCALES, LOCALE_NAMES, type Locale } from './locale.ts'

/** What an area module exports: the same keys in every language. */
export type AreaMessages = Record<Locale, MessageTree>
export interface MessageTree { [key: string]: string | MessageTree }

const areas = import.meta.glob<{ default: AreaMessages }>('./messages/*.ts', { eager: true })

function catalogs(): Record<Locale, MessageTree> {
  const merged: Record<Locale, MessageTree> = { en: {}, 'zh-CN': {} }
  for (const [path, module] of Object.entries(areas)) {
    const area = path.replace(/^.*\/(.+)\.ts$/, '$1')
    for (const locale of Object.keys(merged) as Locale[]) merged[locale][area] = module.default[locale]
  }
  return merged
}

const start = initialLocale()

export const i18n = createI18n({
  legacy: false,
  locale: start,
  fallbackLocale: 'en',
  messages: catalogs(),
  // A missing key shows the key (and the test in tests/web catches it), not a console flood.
  missingWarn: false,
  fallbackWarn: false,
})

document.documentElement.lang = start

/** Translate outside a component (lib/ helpers); inside one, `useI18n().t` or `$t`. */
export const t = i18n.global.t

/** The language in use, reactive. */
export const locale = computed(() => i18n.global.locale.value as Locale)

export function setLocale(next: Locale): void {
  i18n.global.locale.value = next
  document.documentElement.lang = next
  rememberLocale(next)
}
