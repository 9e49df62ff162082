// The console's pages, said once: path, view, title, icon, menu group and the permissions that
// open them. The router (router/index.ts) mounts them; the menu (menu.ts) is derived from them.
import type { RouteComponent, RouteMeta, RouteRecordRaw } from 'vue-router'

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
  }
}

/** The menu's groups, in order: i18n key of the label, and icon. */
export const MENU_GROUPS = [
  { key: 'workbench', label: 'menu.group.workbench', icon: 'House' },
  { key: 'cases', label: 'cases.menu.group', icon: 'Document' },
  { key: 'population', label: 'menu.group.population', icon: 'UserFilled' },
  { key: 'mediation', label: 'rooms.menuGroup', icon: 'HomeFilled' },
  { key: 'volunteers', label: 'teams.menuGroup', icon: 'UserFilled' },
  { key: 'system', label: 'menu.group.system', icon: 'Setting' },
  { key: 'security', label: 'menu.group.security', icon: 'Lock' },
  { key: 'personal', label: 'menu.group.personal', icon: 'Key' },
] as const

// The views load when first opened, each its own chunk (the sign-in page comes with the app).
const views = import.meta.glob<RouteComponent>(['../views/*.vue', '!../views/LoginView.vue'])
function view(name: string): () => Promise<RouteComponent> {
  const load = views[`../views/${name}.vue`]
  if (!load) throw new Error(`no view ${name}`)
  return load
}

type Page = Omit<RouteMeta, 'group'> & { path: string; name: string; view: string; props?: Record<string, unknown> }

/** The pages of one menu group. */
function group(key: (typeof MENU_GROUPS)[number]['key'] | null, pages: Page[]): RouteRecordRaw[] {
  return pages.map(({ path, name, view: v, props, ...meta }) => ({
    path, name, component: view(v), ...(props ? { props } : {}), meta: key ? { ...meta, group: key } : meta,
  }))
}

/** The pages inside the console's layout (sidebar, header, tabs). */
export const consoleRoutes: RouteRecordRaw[] = [
  ...group('workbench', [{ path: '', name: 'home', view: 'HomeView', title: 'menu.home', icon: 'House' }]),
  ...group('cases', [
    { path: 'cases', name: 'cases', view: 'CasesView', title: 'cases.menu.list', icon: 'Document', anyOf: ['case.read'] },
    { path: 'cases/:id(\\d+)', name: 'case', view: 'CaseView', title: 'cases.menu.detail', anyOf: ['case.read'], menu: false },
    { path: 'case-intake', name: 'case-intake', view: 'CaseIntakeView', title: 'cases.menu.intake', icon: 'UserFilled', anyOf: ['case.intake'] },
    { path: 'case-settings', name: 'case-settings', view: 'CaseSettingsView', title: 'cases.menu.settings', icon: 'Setting', anyOf: ['case.read'] },
    { path: 'stats', name: 'stats', view: 'StatsView', title: 'stats.menu', icon: 'Document', anyOf: ['stats.read'] },
  ]),
  ...group('population', [
    { path: 'people', name: 'people', view: 'PeopleView', title: 'menu.people', icon: 'User', anyOf: ['person.read'] },
    { path: 'households', name: 'households', view: 'HouseholdsView', title: 'menu.households', icon: 'HomeFilled', anyOf: ['household.read'] },
  ]),
  ...group('mediation', [
    { path: 'rooms', name: 'rooms', view: 'RoomsView', title: 'rooms.menu', icon: 'HomeFilled', anyOf: ['room.read'] },
    { path: 'mediators', name: 'mediators', view: 'MediatorsView', title: 'mediators.menu', icon: 'Avatar', anyOf: ['mediator.read'] },
    { path: 'duty', name: 'duty', view: 'DutyRosterView', title: 'duty.menu', icon: 'Document', anyOf: ['case.read'] },
  ]),
  ...group('volunteers', [
    { path: 'teams', name: 'teams', view: 'TeamsView', title: 'teams.menu', icon: 'UserFilled', anyOf: ['team.read'] },
  ]),
  ...group('system', [
    { path: 'regions', name: 'regions', view: 'RegionsView', title: 'menu.regions', icon: 'MapLocation', anyOf: ['region.write'] },
    { path: 'users', name: 'users', view: 'UsersView', title: 'menu.users', icon: 'Avatar', anyOf: ['user.read'] },
  ]),
  ...group('security', [{ path: 'audit', name: 'audit', view: 'AuditView', title: 'menu.audit', icon: 'Document', anyOf: ['audit.read'] }]),
  ...group('personal', [{ path: 'account', name: 'account', view: 'AccountView', title: 'menu.account', icon: 'Key' }]),
  ...group(null, [
    { path: 'forbidden', name: 'forbidden', view: 'StatusView', props: { kind: 'forbidden' }, title: 'errors.pageForbidden' },
    { path: ':rest(.*)*', name: 'not-found', view: 'StatusView', props: { kind: 'not-found' }, title: 'errors.pageNotFound' },
  ]),
]

/** The pages outside the layout, but for the sign-in page (loaded at once by the router). */
export const standaloneRoutes: RouteRecordRaw[] = group(null, [
  { path: '/change-password', name: 'change-password', view: 'ForcedPasswordView', title: 'password.title' },
  { path: '/totp-enroll', name: 'totp-enroll', view: 'ForcedTotpView', title: 'totp.title' },
  { path: '/cases/:id(\\d+)/agreement/print', name: 'agreement-print', view: 'AgreementPrintView', title: 'agreement.printView.title', anyOf: ['case.read'] },
])
