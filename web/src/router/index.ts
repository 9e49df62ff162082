import { watch } from 'vue'
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { session, loadSession, forcedRoute, screenOnly } from '@/stores/session'
import { allowed } from '@/menu'
import LoginView from '@/views/LoginView.vue'
import { consoleMessages } from '@/i18n'
import { consoleRoutes, phoneRoutes, standaloneRoutes, withMessages } from './routes'

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: LoginView, meta: { public: true, title: 'login.title' } },
  ...standaloneRoutes,
  phoneRoutes,
  // the layout (sidebar, header, tabs) and every page load when first opened: the sign-in page
  // comes with the app and carries nothing of the console
  { path: '/', component: withMessages(() => import('@/layouts/ConsoleLayout.vue')), children: consoleRoutes },
]

export const router = createRouter({ history: createWebHistory(), routes })
// live alerts of new cases for me, while signed in with case.read: loaded with the first session,
// so that the sign-in page does not carry them
let alertsLoaded = false
watch(() => session.user, (user) => {
  if (!user || alertsLoaded) return
  alertsLoaded = true
  void Promise.all([import('@/stores/caseAlerts'), consoleMessages()]).then(([m]) => m.installCaseAlerts(router))
}, { immediate: true })

router.beforeEach(async (to) => {
  if (!session.loaded) await loadSession()
  // no signal: the grid sister last signed in on this phone opens her pages (phone/identity.ts)
  if (!session.user && session.unreachable) await import('@/phone/identity').then((m) => m.restoreOffline())
  const user = session.user
  if (to.meta.public) {
    if (to.name === 'login' && user) return { name: forcedRoute(user) ?? 'home' }
    return true
  }
  if (!user) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  const forced = forcedRoute(user)
  if (forced && to.name !== forced) return { name: forced }
  if (!forced && (to.name === 'change-password' || to.name === 'totp-enroll')) return { name: 'home' }
  if (session.offline && !to.meta.phone) return { name: 'phone-due' }
  // a wall screen's account opens on the big screen (数据大屏), the only page it has
  if (to.name === 'home' && screenOnly(user)) return { name: 'screen' }
  // a grid sister on a phone lands on her phone's home (/m), not the console; her console pages
  // still open by their address
  if (to.name === 'home' && (await import('@/phone/identity')).phoneHome(user)) return { name: 'phone-due' }
  if (to.meta.anyOf && !allowed(to.meta.anyOf, user.permissions)) return { name: 'forbidden' }
  return true
})
