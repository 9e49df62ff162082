// The language of a page (the console, the portal): zh-CN unless English was chosen on this
// device. Only English is remembered (under `storageKey`): choosing zh-CN again leaves nothing
// behind, which the portal's quick exit relies on. Shared by both entry points, so it imports no
// messages of its own.
import { createI18n } from 'vue-i18n'

export type Locale = 'zh-CN' | 'en'

function saved(storageKey: string): Locale {
  try {
    if (localStorage.getItem(storageKey) === 'en') return 'en'
  } catch {
    // storage unavailable (private mode)
  }
  return 'zh-CN'
}

/** vue-i18n (composition API, zh-CN as fallback) and the language switch that remembers the choice. */
export function createLocaleI18n(messages: Record<Locale, object>, storageKey: string) {
  const i18n = createI18n({
    legacy: false, locale: saved(storageKey), fallbackLocale: 'zh-CN', missingWarn: false, fallbackWarn: false,
    // precompiled messages, typed loosely on purpose (keys are checked by the i18n tests)
    messages: messages as Record<Locale, Record<string, string>>,
  })
  function setLocale(l: Locale): void {
    i18n.global.locale.value = l
    document.documentElement.lang = l
    try {
      if (l === 'en') localStorage.setItem(storageKey, l)
      else localStorage.removeItem(storageKey)
    } catch {
      // ignore
    }
  }
  return { i18n, setLocale }
}
