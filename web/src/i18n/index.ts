import { createLocaleI18n, type Locale } from './locale'

export type { Locale }

/** An area file's messages (nested objects of precompiled messages; typed loosely on purpose). */
type Messages = Record<string, string>

// One file per language and area (locales/<lang>/<area>.json: common, menu, cases …), each with
// its own top-level keys; precompiled at build time by @intlify/unplugin-vue-i18n (no runtime
// compiler under the CSP).
const files = import.meta.glob<Messages>('./locales/*/*.json', { eager: true, import: 'default' })

/** The messages of one language: its area files merged (an area may not redefine another's key). */
export function messagesOf(lang: Locale, all: Record<string, Messages> = files): Messages {
  const out: Messages = {}
  for (const [path, messages] of Object.entries(all)) {
    if (!path.includes(`/locales/${lang}/`)) continue
    for (const [key, value] of Object.entries(messages)) {
      if (key in out) throw new Error(`${path}: "${key}" is already in another file`)
      out[key] = value
    }
  }
  return out
}

export const { i18n, setLocale } = createLocaleI18n({ 'zh-CN': messagesOf('zh-CN'), en: messagesOf('en') }, 'hejia.locale')

export const t = (key: string, args?: Record<string, unknown>): string =>
  args ? i18n.global.t(key, args) : i18n.global.t(key)
