// The console menu and the rule that a user sees only what their permissions allow.
import { reactive } from 'vue'

export interface MenuItem {
  /** route name and path */
  name: string
  path: string
  /** i18n key of the label */
  label: string
  icon: string
  /** any one of these permissions shows the item; empty = every signed-in user */
  anyOf: string[]
}

export interface MenuGroup {
  key: string
  label: string
  icon: string
  items: MenuItem[]
}

export const MENU: MenuGroup[] = [
  {
    key: 'workbench', label: 'menu.group.workbench', icon: 'House',
    items: [{ name: 'home', path: '/', label: 'menu.home', icon: 'House', anyOf: [] }],
  },
  {
    key: 'cases', label: 'cases.menu.group', icon: 'Document',
    items: [
      { name: 'cases', path: '/cases', label: 'cases.menu.list', icon: 'Document', anyOf: ['case.read'] },
      { name: 'case-intake', path: '/case-intake', label: 'cases.menu.intake', icon: 'UserFilled', anyOf: ['case.intake'] },
      { name: 'case-settings', path: '/case-settings', label: 'cases.menu.settings', icon: 'Setting', anyOf: ['case.read'] },
      { name: 'stats', path: '/stats', label: 'stats.menu', icon: 'Document', anyOf: ['stats.read'] },
    ],
  },
  {
    key: 'population', label: 'menu.group.population', icon: 'UserFilled',
    items: [
      { name: 'people', path: '/people', label: 'menu.people', icon: 'User', anyOf: ['person.read'] },
      { name: 'households', path: '/households', label: 'menu.households', icon: 'HomeFilled', anyOf: ['household.read'] },
    ],
  },
  {
    key: 'mediation', label: 'rooms.menuGroup', icon: 'HomeFilled',
    items: [
      { name: 'rooms', path: '/rooms', label: 'rooms.menu', icon: 'HomeFilled', anyOf: ['room.read'] },
      { name: 'mediators', path: '/mediators', label: 'mediators.menu', icon: 'Avatar', anyOf: ['mediator.read'] },
      { name: 'duty', path: '/duty', label: 'duty.menu', icon: 'Document', anyOf: ['case.read'] },
    ],
  },
  {
    key: 'system', label: 'menu.group.system', icon: 'Setting',
    items: [
      { name: 'regions', path: '/regions', label: 'menu.regions', icon: 'MapLocation', anyOf: ['region.write'] },
      { name: 'users', path: '/users', label: 'menu.users', icon: 'Avatar', anyOf: ['user.read'] },
    ],
  },
  {
    key: 'security', label: 'menu.group.security', icon: 'Lock',
    items: [{ name: 'audit', path: '/audit', label: 'menu.audit', icon: 'Document', anyOf: ['audit.read'] }],
  },
  {
    key: 'personal', label: 'menu.group.personal', icon: 'Key',
    items: [{ name: 'account', path: '/account', label: 'menu.account', icon: 'Key', anyOf: [] }],
  },
]

/** A count shown on a menu item, by item name (e.g. new cases assigned to me, stores/caseAlerts.ts). */
export const menuBadges = reactive<Record<string, number>>({})

export function allowed(anyOf: readonly string[], permissions: readonly string[]): boolean {
  return anyOf.length === 0 || anyOf.some((p) => permissions.includes(p))
}

/** Groups with only the items the permissions allow; empty groups are dropped. */
export function filterMenu(menu: readonly MenuGroup[], permissions: readonly string[]): MenuGroup[] {
  return menu
    .map((g) => ({ ...g, items: g.items.filter((i) => allowed(i.anyOf, permissions)) }))
    .filter((g) => g.items.length > 0)
}
