import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { session, loadSession, forcedRoute } from '@/stores/session'
import { allowed } from '@/menu'
import { installCaseAlerts } from '@/stores/caseAlerts'
import ConsoleLayout from '@/layouts/ConsoleLayout.vue'
import LoginView from '@/views/LoginView.vue'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    /** any one of these permissions opens the page */
    anyOf?: string[]
    title?: string
    /** i18n key of the breadcrumb's parent group */
    group?: string
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: LoginView, meta: { public: true, title: 'login.title' } },
  { path: '/change-password', name: 'change-password', component: () => import('@/views/ForcedPasswordView.vue'), meta: { title: 'password.title' } },
  { path: '/totp-enroll', name: 'totp-enroll', component: () => import('@/views/ForcedTotpView.vue'), meta: { title: 'totp.title' } },
  { path: '/cases/:id(\\d+)/agreement/print', name: 'agreement-print', component: () => import('@/views/AgreementPrintView.vue'), meta: { title: 'agreement.printView.title', anyOf: ['case.read'] } },
  {
    path: '/',
    component: ConsoleLayout,
    children: [
      { path: '', name: 'home', component: () => import('@/views/HomeView.vue'), meta: { title: 'menu.home', group: 'menu.group.workbench' } },
      { path: 'cases', name: 'cases', component: () => import('@/views/CasesView.vue'), meta: { title: 'cases.menu.list', group: 'cases.menu.group', anyOf: ['case.read'] } },
      { path: 'cases/:id(\\d+)', name: 'case', component: () => import('@/views/CaseView.vue'), meta: { title: 'cases.menu.detail', group: 'cases.menu.group', anyOf: ['case.read'] } },
      { path: 'case-intake', name: 'case-intake', component: () => import('@/views/CaseIntakeView.vue'), meta: { title: 'cases.menu.intake', group: 'cases.menu.group', anyOf: ['case.intake'] } },
      { path: 'case-settings', name: 'case-settings', component: () => import('@/views/CaseSettingsView.vue'), meta: { title: 'cases.menu.settings', group: 'cases.menu.group', anyOf: ['case.read'] } },
      { path: 'stats', name: 'stats', component: () => import('@/views/StatsView.vue'), meta: { title: 'stats.menu', group: 'cases.menu.group', anyOf: ['stats.read'] } },
      { path: 'people', name: 'people', component: () => import('@/views/PeopleView.vue'), meta: { title: 'menu.people', group: 'menu.group.population', anyOf: ['person.read'] } },
      { path: 'households', name: 'households', component: () => import('@/views/HouseholdsView.vue'), meta: { title: 'menu.households', group: 'menu.group.population', anyOf: ['household.read'] } },
      { path: 'rooms', name: 'rooms', component: () => import('@/views/RoomsView.vue'), meta: { title: 'rooms.menu', group: 'rooms.menuGroup', anyOf: ['room.read'] } },
      { path: 'mediators', name: 'mediators', component: () => import('@/views/MediatorsView.vue'), meta: { title: 'mediators.menu', group: 'rooms.menuGroup', anyOf: ['mediator.read'] } },
      { path: 'duty', name: 'duty', component: () => import('@/views/DutyRosterView.vue'), meta: { title: 'duty.menu', group: 'rooms.menuGroup', anyOf: ['case.read'] } },
      { path: 'regions', name: 'regions', component: () => import('@/views/RegionsView.vue'), meta: { title: 'menu.regions', group: 'menu.group.system', anyOf: ['region.write'] } },
      { path: 'users', name: 'users', component: () => import('@/views/UsersView.vue'), meta: { title: 'menu.users', group: 'menu.group.system', anyOf: ['user.read'] } },
      { path: 'audit', name: 'audit', component: () => import('@/views/AuditView.vue'), meta: { title: 'menu.audit', group: 'menu.group.security', anyOf: ['audit.read'] } },
      { path: 'account', name: 'account', component: () => import('@/views/AccountView.vue'), meta: { title: 'menu.account', group: 'menu.group.personal' } },
      { path: 'forbidden', name: 'forbidden', component: () => import('@/views/StatusView.vue'), props: { kind: 'forbidden' }, meta: { title: 'errors.pageForbidden' } },
      { path: ':rest(.*)*', name: 'not-found', component: () => import('@/views/StatusView.vue'), props: { kind: 'not-found' }, meta: { title: 'errors.pageNotFound' } },
    ],
  },
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
