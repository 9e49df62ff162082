// The console menu, derived from the pages' route meta (router/routes.ts), and the rule that a
// user sees only what their permissions allow.
import { reactive } from 'vue'
import { consoleRoutes, MENU_GROUPS } from '@/router/routes'

export interface MenuItem {
  /** route name */
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

/** Every page with a menu group, in the groups' order and the pages' order. */
export const MENU: MenuGroup[] = MENU_GROUPS.map((g) => ({
  key: g.key,
  label: g.label,
  icon: g.icon,
  items: consoleRoutes
    .filter((r) => r.meta?.group === g.key && r.meta.menu !== false)
    .map((r) => ({ name: String(r.name), path: `/${r.path}`, label: r.meta?.title ?? '', icon: r.meta?.icon ?? g.icon, anyOf: r.meta?.anyOf ?? [] })),
}))

/** The i18n key of a menu group's label (the breadcrumb's middle part). */
export function groupLabel(key: string | undefined): string | undefined {
  return MENU_GROUPS.find((g) => g.key === key)?.label
}

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
