import { createI18n } from 'vue-i18n'
// Precompiled at build time by @intlify/unplugin-vue-i18n (no runtime compiler under the CSP).
import zhCN from './locales/zh-CN.json'
import en from './locales/en.json'

export type Locale = 'zh-CN' | 'en'
/** The only thing the portal keeps on the phone: the language chosen. Quick exit removes it. */
export const LOCALE_KEY = 'hejia.portal.locale'

function initialLocale(): Locale {
  try {
    if (localStorage.getItem(LOCALE_KEY) === 'en') return 'en'
  } catch {
    // storage unavailable (private mode)
  }
  return 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  missingWarn: false,
  fallbackWarn: false,
})

export function setLocale(l: Locale): void {
  i18n.global.locale.value = l
  document.documentElement.lang = l
  try {
    if (l === 'zh-CN') localStorage.removeItem(LOCALE_KEY)
    else localStorage.setItem(LOCALE_KEY, l)
  } catch {
    // ignore
  }
}
