import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import './styles/main.css'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'
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

document.documentElement.lang = i18n.global.locale.value

createApp(App).use(ElementPlus).use(i18n).use(router).mount('#app')
