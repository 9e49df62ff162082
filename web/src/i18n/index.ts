import { createLocaleI18n, type Locale } from './locale'

export type { Locale }

/** An area file's messages (nested objects of precompiled messages; typed loosely on purpose). */
type Messages = Record<string, string>

// One file per language and area (locales/<lang>/<area>.json: common, menu, cases …), each with
// its own top-level keys; precompiled at build time by @intlify/unplugin-vue-i18n (no runtime
// compiler under the CSP). The app comes with the zh-CN areas of the pages outside the console
// (common, menu, session: sign-in, forced password change, TOTP); the others (i18n/console.ts)
// are fetched with the console's pages (router/routes.ts), English (i18n/en.ts) when chosen.
const files = import.meta.glob<Messages>('./locales/zh-CN/{common,menu,session}.json', { eager: true, import: 'default' })

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

const locale = createLocaleI18n({ 'zh-CN': messagesOf('zh-CN'), en: {} }, 'hejia.locale')
export const i18n = locale.i18n

/** Fetches a chunk of messages once (again after a failure). */
function once(fetch: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null
  return () => (done ??= fetch().catch((e) => {
    done = null
    throw e
  }))
}
const english = once(() => import('./en').then((m) => i18n.global.setLocaleMessage('en', m.default)))
const consoleAreas = once(() => import('./console').then((m) => i18n.global.mergeLocaleMessage('zh-CN', m.default)))

/** The messages of the console's pages, in Chinese (the fallback) and in the language shown:
 *  every page but the sign-in page loads with them. */
export function consoleMessages(): Promise<void> {
  return Promise.all([consoleAreas(), i18n.global.locale.value === 'en' ? english() : undefined]).then(() => undefined)
}

let wanted = i18n.global.locale.value as Locale
/** Switches the language (once its messages are in; the last choice wins) and remembers it. */
export async function setLocale(l: Locale): Promise<void> {
  wanted = l
  try {
    if (l === 'en') await english()
  } catch {
    return // not fetched (offline): the page stays in its language, another click tries again
  }
  if (wanted === l) locale.setLocale(l)
}

/** Settled once the language the page starts in has its messages: main.ts mounts the app then. */
export const localeReady: Promise<void> = (wanted === 'en' ? english() : Promise.resolve()).catch(() => {
  i18n.global.locale.value = 'zh-CN' // not fetched: Chinese this time, the choice is kept
})

export const t = (key: string, args?: Record<string, unknown>): string =>
  args ? i18n.global.t(key, args) : i18n.global.t(key)
