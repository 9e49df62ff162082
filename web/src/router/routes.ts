// The console's pages, said once: path, view, title, icon, menu group and the permissions that
// open them. The router (router/index.ts) mounts them; the menu (menu.ts) is derived from them.
import type { RouteComponent, RouteMeta, RouteRecordRaw } from 'vue-router'
import { consoleMessages } from '@/i18n'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    /** any one of these permissions opens the page (and shows its menu item) */
    anyOf?: string[]
    /** i18n key of the page's title (menu item, breadcrumb, tab, document title) */
    title?: string
    /** key of the menu group (MENU_GROUPS) the page belongs to */
    group?: string
    /** name of the menu item's icon (utils/icons) */
    icon?: string
    /** false: a page of the group that is not a menu item (a detail page) */
    menu?: boolean
    /** a page of the grid sister's phone (/m): opens with no signal too */
    phone?: boolean
  }
}

/** The menu's groups, in order: i18n key of the label, and icon. */
export const MENU_GROUPS = [
  { key: 'workbench', label: 'menu.group.workbench', icon: 'House' },
  { key: 'cases', label: 'cases.menu.group', icon: 'Document' },
  { key: 'incidents', label: 'incidents.menuGroup', icon: 'Bell' },
  { key: 'families', label: 'menu.group.families', icon: 'Warning' },
  { key: 'population', label: 'menu.group.population', icon: 'UserFilled' },
  { key: 'mediation', label: 'rooms.menuGroup', icon: 'HomeFilled' },
  { key: 'volunteers', label: 'teams.menuGroup', icon: 'UserFilled' },
  { key: 'legal', label: 'legal.menuGroup', icon: 'Reading' },
  { key: 'system', label: 'menu.group.system', icon: 'Setting' },
  { key: 'security', label: 'menu.group.security', icon: 'Lock' },
  { key: 'personal', label: 'menu.group.personal', icon: 'Key' },
] as const

// The views load when first opened, each its own chunk, together with the console's messages
// (i18n/index.ts); the sign-in page comes with the app.
const views = import.meta.glob<RouteComponent>(['../views/*.vue', '!../views/LoginView.vue'])
function view(name: string): () => Promise<RouteComponent> {
  const load = views[`../views/${name}.vue`]
  if (!load) throw new Error(`no view ${name}`)
  return withMessages(load)
}
/** A page's loader that also fetches the console's messages (once), at the same time. */
export function withMessages(load: () => Promise<RouteComponent>): () => Promise<RouteComponent> {
  return () => Promise.all([load(), consoleMessages()]).then(([component]) => component)
}
/** "case-intake" → "CaseIntakeView": a page's view unless it names another. */
const viewOf = (name: string) => name.replace(/(^|-)(\w)/g, (_, _dash, c: string) => c.toUpperCase()) + 'View'

/** A page: its route name; its path when not the name, its view when not <Name>View; its meta. */
type Page = Omit<RouteMeta, 'group'> & { name: string; path?: string; view?: string; props?: Record<string, unknown> }

/** The pages of one menu group. */
function group(key: (typeof MENU_GROUPS)[number]['key'] | null, pages: Page[]): RouteRecordRaw[] {
  return pages.map(({ name, path = name, view: v = viewOf(name), props, ...meta }) => ({
    path, name, component: view(v), ...(props ? { props } : {}), meta: key ? { ...meta, group: key } : meta,
  }))
}

/** The pages inside the console's layout (sidebar, header, tabs), group by group in the menu's
 *  order; one line states a page's facts. */
export const consoleRoutes: RouteRecordRaw[] = [
  ...group('workbench', [{ name: 'home', path: '', title: 'menu.home', icon: 'House' },
    { name: 'todo', title: 'menu.todo', icon: 'Tickets', anyOf: ['todo.read'] },
    { name: 'cockpit', title: 'cockpit.menu', icon: 'DataBoard', anyOf: ['cockpit.read'] }]),
  ...group('cases', [{ name: 'cases', title: 'cases.menu.list', icon: 'Document', anyOf: ['case.read'] },
    { name: 'case', path: 'cases/:id(\\d+)', title: 'cases.menu.detail', anyOf: ['case.read'], menu: false },
    { name: 'hotline', title: 'hotline.menu', icon: 'Phone', anyOf: ['hotline.read'] },
    { name: 'case-intake', title: 'cases.menu.intake', icon: 'UserFilled', anyOf: ['case.intake'] },
    { name: 'consultations', title: 'consultations.menu', icon: 'ChatDotRound', anyOf: ['case.supervise'] },
    { name: 'case-settings', title: 'cases.menu.settings', icon: 'Setting', anyOf: ['case.read'] },
    { name: 'stats', title: 'stats.menu', icon: 'Document', anyOf: ['stats.read'] }]),
  ...group('incidents', [{ name: 'my-incidents', title: 'incidents.mineMenu', icon: 'Bell', anyOf: ['incident.act'] },
    { name: 'incidents', title: 'incidents.menu', icon: 'Tickets', anyOf: ['incident.read'] },
    { name: 'incident', path: 'incidents/:id(\\d+)', title: 'incidents.detailMenu', anyOf: ['incident.read'], menu: false },
    { name: 'incident-pushes', path: 'incidents/pushes', view: 'IncidentPushesListView', title: 'cockpit.lists.pushes', anyOf: ['incident.read'], menu: false },
    { name: 'incident-settings', title: 'incidents.settingsMenu', icon: 'Setting', anyOf: ['incident.settings'] }]),
  ...group('families', [{ name: 'family-due', title: 'menu.familyDue', icon: 'Phone', anyOf: ['family.due'] },
    { name: 'key-families', title: 'menu.keyFamilies', icon: 'Warning', anyOf: ['family.read'] },
    { name: 'key-family', path: 'key-families/:id(\\d+)', title: 'menu.keyFamily', anyOf: ['family.read'], menu: false }]),
  ...group('population', [{ name: 'people', title: 'menu.people', icon: 'User', anyOf: ['person.read'] },
    { name: 'households', title: 'menu.households', icon: 'HomeFilled', anyOf: ['household.read'] }]),
  ...group('mediation', [{ name: 'rooms', title: 'rooms.menu', icon: 'HomeFilled', anyOf: ['room.read'] },
    { name: 'mediators', title: 'mediators.menu', icon: 'Avatar', anyOf: ['mediator.read'] },
    { name: 'duty', view: 'DutyRosterView', title: 'duty.menu', icon: 'Document', anyOf: ['case.read'] }]),
  ...group('volunteers', [{ name: 'teams', title: 'teams.menu', icon: 'UserFilled', anyOf: ['team.read'] },
    { name: 'volunteers', title: 'volunteers.menu', icon: 'User', anyOf: ['volunteer.read'] },
    { name: 'coverage', title: 'coverage.menu', icon: 'MapLocation', anyOf: ['volunteer.read'] },
    { name: 'trainings', title: 'trainings.menu', icon: 'Reading', anyOf: ['training.read'] },
    { name: 'visits', title: 'visits.menu', icon: 'Notebook', anyOf: ['visit.read'] },
    { name: 'visit-households', path: 'visits/households', view: 'VisitFiguresListView', props: { kind: 'households' }, title: 'cockpit.lists.households', anyOf: ['visit.read'], menu: false },
    { name: 'visit-care-people', path: 'visits/care-people', view: 'VisitFiguresListView', props: { kind: 'care-people' }, title: 'cockpit.lists.carePeople', anyOf: ['visit.read'], menu: false },
    { name: 'care', title: 'care.menu', icon: 'PieChart', anyOf: ['visit.stats'] },
    { name: 'visit-summary', title: 'visitSummary.menu', icon: 'DataLine', anyOf: ['visit.stats'] }]),
  ...group('legal', [{ name: 'legal-contents', title: 'legalContents.menu', icon: 'VideoPlay', anyOf: ['legal.read'] },
    { name: 'legal-events', title: 'legalEvents.menu', icon: 'Calendar', anyOf: ['legal.read'] },
    { name: 'legal-campaigns', title: 'legalCampaigns.menu', icon: 'Flag', anyOf: ['legal.read'] },
    { name: 'legal-brands', title: 'legalBrands.menu', icon: 'Medal', anyOf: ['legal.read'] }]),
  ...group('system', [{ name: 'regions', title: 'menu.regions', icon: 'MapLocation', anyOf: ['region.write'] },
    { name: 'users', title: 'menu.users', icon: 'Avatar', anyOf: ['user.read'] },
    { name: 'partners', title: 'partners.menu', icon: 'Connection', anyOf: ['partner.read'] }]),
  ...group('security', [{ name: 'audit', title: 'menu.audit', icon: 'Document', anyOf: ['audit.read'] }]),
  ...group('personal', [{ name: 'account', title: 'menu.account', icon: 'Key' }]),
  ...group(null, [{ name: 'forbidden', view: 'StatusView', props: { kind: 'forbidden' }, title: 'errors.pageForbidden' },
    { name: 'not-found', path: ':rest(.*)*', view: 'StatusView', props: { kind: 'not-found' }, title: 'errors.pageNotFound' }]),
]

// The grid sister's phone (/m): her own pages under a tab bar (Vant), not the console shrunk.
const phoneViews = import.meta.glob<RouteComponent>('../phone/views/*.vue')
const phoneView = (name: string) => withMessages(phoneViews[`../phone/views/${name}.vue`])
export const phoneRoutes: RouteRecordRaw = {
  path: '/m', component: phoneView('PhoneLayout'), meta: { phone: true, anyOf: ['visit.write'] },
  children: [
    { path: '', name: 'phone-due', component: phoneView('PhoneDueView'), meta: { phone: true, title: 'phone.tab.due', anyOf: ['visit.write'] } },
    { path: 'visit', name: 'phone-visit', component: phoneView('PhoneVisitView'), meta: { phone: true, title: 'phone.tab.visit', anyOf: ['visit.write'] } },
    { path: 'report', name: 'phone-report', component: phoneView('PhoneReportView'), meta: { phone: true, title: 'phone.tab.report', anyOf: ['case.intake'] } },
    { path: 'me', name: 'phone-me', component: phoneView('PhoneMeView'), meta: { phone: true, title: 'phone.tab.me' } },
  ],
}

/** The pages outside the layout, but for the sign-in page (loaded at once by the router). */
export const standaloneRoutes: RouteRecordRaw[] = group(null, [
  { name: 'change-password', path: '/change-password', view: 'ForcedView', props: { kind: 'password' }, title: 'password.title' },
  { name: 'totp-enroll', path: '/totp-enroll', view: 'ForcedView', props: { kind: 'totp' }, title: 'totp.title' },
  { name: 'agreement-print', path: '/cases/:id(\\d+)/agreement/print', title: 'agreement.printView.title', anyOf: ['case.read'] },
  // 数据大屏: the cockpit's headline figures on a wall screen, dark, without the console around them
  { name: 'screen', path: '/screen', title: 'cockpit.screen.title', anyOf: ['cockpit.read'] },
])
