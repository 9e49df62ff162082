import { createLocaleI18n, type Locale } from '@/i18n/locale'
// Precompiled at build time by @intlify/unplugin-vue-i18n (no runtime compiler under the CSP).
import zhCN from './locales/zh-CN.json'
import en from './locales/en.json'

export type { Locale }
/** The only thing the portal keeps on the phone: the language chosen. Quick exit removes it. */
export const LOCALE_KEY = 'hejia.portal.locale'

export const { i18n, setLocale } = createLocaleI18n({ 'zh-CN': zhCN, en }, LOCALE_KEY)
