import { describe, it, expect } from 'vitest'
import { MENU, filterMenu, groupLabel } from '@/menu'
import { consoleRoutes, standaloneRoutes } from './routes'

// The menu as it was written out by hand before it was derived from the routes, with the pages
// added since (volunteer teams, police incidents, partners, my to-do, volunteers and grid coverage,
// trainings, the visits' list, the care visits' and the visits' figures, the hotline log, the
// online consultations, legal education, the cockpit).
const WAS = {
  workbench: 'home / House * | todo /todo Tickets todo.read | cockpit /cockpit DataBoard cockpit.read',
  cases: 'cases /cases Document case.read | hotline /hotline Phone hotline.read | case-intake /case-intake UserFilled case.intake | consultations /consultations ChatDotRound case.supervise | case-settings /case-settings Setting case.read | stats /stats Document stats.read',
  incidents: 'my-incidents /my-incidents Bell incident.act | incidents /incidents Tickets incident.read | incident-settings /incident-settings Setting incident.settings',
  families: 'family-due /family-due Phone family.due | key-families /key-families Warning family.read',
  population: 'people /people User person.read | households /households HomeFilled household.read',
  mediation: 'rooms /rooms HomeFilled room.read | mediators /mediators Avatar mediator.read | duty /duty Document case.read',
  volunteers: 'teams /teams UserFilled team.read | volunteers /volunteers User volunteer.read | coverage /coverage MapLocation volunteer.read | trainings /trainings Reading training.read | visits /visits Notebook visit.read | care /care PieChart visit.stats | visit-summary /visit-summary DataLine visit.stats',
  legal: 'legal-contents /legal-contents VideoPlay legal.read | legal-events /legal-events Calendar legal.read | legal-campaigns /legal-campaigns Flag legal.read | legal-brands /legal-brands Medal legal.read',
  system: 'regions /regions MapLocation region.write | users /users Avatar user.read | partners /partners Connection partner.read',
  security: 'audit /audit Document audit.read',
  personal: 'account /account Key *',
}

describe('menu from the routes', () => {
  it('has the groups, items, paths, icons and permissions the hand-written menu had', () => {
    const now = Object.fromEntries(MENU.map((g) => [g.key, g.items.map((i) => `${i.name} ${i.path} ${i.icon} ${i.anyOf.join(',') || '*'}`).join(' | ')]))
    expect(now).toEqual(WAS)
  })
  it('labels every item and group, and each page of a group has a title for the breadcrumb', () => {
    for (const g of MENU) expect(g.items.every((i) => i.label.length > 0), g.key).toBe(true)
    for (const r of consoleRoutes.filter((x) => x.meta?.group)) {
      expect(r.meta?.title, String(r.name)).toBeTruthy()
      expect(groupLabel(r.meta?.group), String(r.name)).toBeTruthy()
    }
  })
  it('shows the key families to federation staff and the due contacts to grid sisters, nothing of them to leaders', () => {
    const names = (perms: string[]) => filterMenu(MENU, perms).flatMap((g) => g.items.map((i) => i.name))
    expect(names(['family.read', 'family.due', 'family.counts'])).toEqual(expect.arrayContaining(['key-families', 'family-due']))
    expect(names(['family.due', 'family.contact'])).toContain('family-due')
    expect(names(['family.due', 'family.contact'])).not.toContain('key-families')
    expect(names(['region.read', 'stats.read', 'family.counts']).filter((n) => n.includes('famil'))).toEqual([])
    expect(consoleRoutes.find((r) => r.name === 'key-family')?.meta?.anyOf).toEqual(['family.read'])
  })
  it('keeps the cockpit\'s two visit lists out of the menu, and the big screen outside the console', () => {
    const items = MENU.flatMap((g) => g.items.map((i) => i.name))
    expect(items).not.toContain('visit-households')
    expect(items).not.toContain('visit-care-people')
    expect(consoleRoutes.find((r) => r.name === 'visit-care-people')?.meta?.group).toBe('volunteers')
    expect(consoleRoutes.find((r) => r.name === 'screen')).toBeUndefined()
    expect(standaloneRoutes.find((r) => r.name === 'screen')).toMatchObject({ path: '/screen', meta: { anyOf: ['cockpit.read'] } })
  })
  it('keeps the detail page out of the menu but under its group', () => {
    expect(MENU.flatMap((g) => g.items.map((i) => i.name))).not.toContain('case')
    expect(consoleRoutes.find((r) => r.name === 'case')?.meta?.group).toBe('cases')
  })
})
