import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { session, loadSession, forcedRoute } from '@/stores/session'
import { allowed } from '@/menu'
import { installCaseAlerts } from '@/stores/caseAlerts'
import ConsoleLayout from '@/layouts/ConsoleLayout.vue'
import LoginView from '@/views/LoginView.vue'
import { consoleRoutes, standaloneRoutes } from './routes'

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: LoginView, meta: { public: true, title: 'login.title' } },
  ...standaloneRoutes,
  { path: '/', component: ConsoleLayout, children: consoleRoutes },
]

export const router = createRouter({ history: createWebHistory(), routes })
// live alerts of new cases for me, while signed in with case.read
installCaseAlerts(router)

router.beforeEach(async (to) => {
  if (!session.loaded) await loadSession()
  const user = session.user
  if (to.meta.public) {
    if (to.name === 'login' && user) return { name: forcedRoute(user) ?? 'home' }
    return true
  }
  if (!user) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  const forced = forcedRoute(user)
  if (forced && to.name !== forced) return { name: forced }
  if (!forced && (to.name === 'change-password' || to.name === 'totp-enroll')) return { name: 'home' }
  if (to.meta.anyOf && !allowed(to.meta.anyOf, user.permissions)) return { name: 'forbidden' }
  return true
})
