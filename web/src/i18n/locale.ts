// Which language the editor speaks: the person's own choice (kept in this browser), else the
// first of the browser's languages Kairos has, else English.

export const LOCALES = ['en', 'zh-CN'] as const
export type Locale = (typeof LOCALES)[number]

/** Each language named in itself, for the switch in the user menu. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' }

const STORAGE_KEY = 'kairos.locale'

const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale)

/** A browser language tag to ours: any Chinese but Traditional goes to zh-CN, any English to en. */
function fromTag(tag: string): Locale | null {
  const lower = tag.toLowerCase()
  if (lower.startsWith('zh')) return /hant|-tw|-hk|-mo/.test(lower) ? null : 'zh-CN'
  if (lower.startsWith('en')) return 'en'
  return null
}

export function initialLocale(): Locale {
  const saved = safeStorage()?.getItem(STORAGE_KEY)
  if (isLocale(saved)) return saved
  for (const tag of navigator.languages ?? [navigator.language]) {
    const locale = fromTag(tag)
    if (locale) return locale
  }
  return 'en'
}

export function rememberLocale(locale: Locale): void {
  safeStorage()?.setItem(STORAGE_KEY, locale)
}

// Storage may be refused (a privacy setting): the choice then lasts for this page only.
function safeStorage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}
