import { createApp } from 'vue'
// Element Plus's variables and transitions come first; each of its components brings its own
// styles with the chunk that uses it (vite.config.ts), and the sign-in page only its form's.
import 'element-plus/es/components/base/style/css'
import './styles/main.css'
import App from './App.vue'
import { router } from './router'
import { i18n, localeReady } from './i18n'
import { setBlockedHandler, setUnauthenticatedHandler } from './api/client'
import { clearSession, session, loadSession } from './stores/session'

// Only a session that existed can expire: the probe of GET /session on a fresh visit also answers
// 401, and must not greet a first-time visitor with "your session has expired".
setUnauthenticatedHandler(() => {
  const hadSession = session.user !== null
  clearSession()
  if (!hadSession) return
  const current = router.currentRoute.value
  if (current.name !== 'login') {
    void router.replace({ name: 'login', query: { redirect: current.fullPath, expired: '1' } })
  }
})

// The server refuses everything until the password is changed or TOTP is enrolled:
// reload the session so the router guard sends the user to the right page.
setBlockedHandler(async () => {
  session.loaded = false
  await loadSession()
  void router.replace({ name: 'home' })
})

// The service worker (vite-plugin-pwa, Workbox) keeps the app's shell for opening with no signal
// (the grid sister's phone, /m); not in the dev server.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true })).catch(() => undefined)
}

// the app mounts once the language it starts in has its messages (English is fetched)
void localeReady.then(() => {
  document.documentElement.lang = i18n.global.locale.value
  createApp(App).use(i18n).use(router).mount('#app')
})
