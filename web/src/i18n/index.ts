import { createI18n } from 'vue-i18n'
// Precompiled at build time by @intlify/unplugin-vue-i18n (no runtime compiler under the CSP).
import zhCN from './locales/zh-CN.json'
import en from './locales/en.json'

export type Locale = 'zh-CN' | 'en'
const STORAGE_KEY = 'hejia.locale'

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (saved === 'en' || saved === 'zh-CN') return saved
  } catch {
    // storage unavailable
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
    localStorage.setItem(STORAGE_KEY, l)
  } catch {
    // ignore
  }
}

export const t = (key: string, args?: Record<string, unknown>): string =>
  args ? i18n.global.t(key, args) : i18n.global.t(key)
