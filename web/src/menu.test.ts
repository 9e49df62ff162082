import { describe, it, expect } from 'vitest'
import { MENU, filterMenu, allowed } from './menu'

const names = (perms: string[]) => filterMenu(MENU, perms).flatMap((g) => g.items.map((i) => i.name))

describe('menu filter', () => {
  it('shows staff the people pages but not administration', () => {
    const staff = ['session.self', 'region.read', 'household.read', 'household.write', 'person.read', 'person.write', 'person.reveal']
    expect(names(staff)).toEqual(['home', 'people', 'households', 'account'])
  })
  it('shows the audit administrator only the audit log', () => {
    expect(names(['session.self', 'audit.read'])).toEqual(['home', 'audit', 'account'])
  })
  it('shows the system administrator regions and users', () => {
    expect(names(['session.self', 'region.read', 'region.write', 'user.read', 'user.write'])).toEqual(['home', 'regions', 'users', 'account'])
  })
  it('shows the trainings with training.read, under the volunteers', () => {
    const groups = filterMenu(MENU, ['session.self', 'training.read'])
    expect(groups.find((g) => g.key === 'volunteers')?.items.map((i) => i.name)).toEqual(['trainings'])
    expect(names(['session.self', 'team.read', 'volunteer.read'])).not.toContain('trainings')
  })
  it('shows a leader the visit figures (visit.stats) but nothing that names people', () => {
    const leader = ['session.self', 'region.read', 'stats.read', 'visit.stats']
    const items = names(leader)
    expect(items).toEqual(expect.arrayContaining(['care', 'visit-summary']))
    expect(items).not.toContain('volunteers')
    expect(items).not.toContain('trainings')
    expect(items).not.toContain('visits')
    expect(names(['session.self', 'visit.read', 'visit.write'])).not.toContain('visit-summary')
  })
  it('shows the visits\' list (走访记录) with visit.read, under the volunteers', () => {
    const groups = filterMenu(MENU, ['session.self', 'visit.read', 'visit.reveal'])
    expect(groups.find((g) => g.key === 'volunteers')?.items.map((i) => i.name)).toEqual(['visits'])
  })
  it('shows 在线咨询 to the city and town staff who answer the portal (case.supervise), not to a leader or a mediator', () => {
    const town = ['session.self', 'case.read', 'case.intake', 'case.write', 'case.reveal', 'case.supervise']
    expect(filterMenu(MENU, town).find((g) => g.key === 'cases')?.items.map((i) => i.name)).toContain('consultations')
    expect(names(['session.self', 'region.read', 'stats.read', 'visit.stats'])).not.toContain('consultations')
    expect(names(['session.self', 'case.read', 'case.write', 'case.reveal'])).not.toContain('consultations')
  })
  it('shows 普法宣传 (content, events, campaigns, brands) with legal.read, and nothing of it to a leader', () => {
    const groups = filterMenu(MENU, ['session.self', 'legal.read', 'legal.write'])
    expect(groups.find((g) => g.key === 'legal')?.items.map((i) => i.name)).toEqual(['legal-contents', 'legal-events', 'legal-campaigns', 'legal-brands'])
    expect(filterMenu(MENU, ['session.self', 'region.read', 'stats.read', 'family.counts', 'visit.stats']).map((g) => g.key)).not.toContain('legal')
  })
  it('shows 数据驾驶舱 with cockpit.read, under the workbench', () => {
    expect(filterMenu(MENU, ['session.self', 'cockpit.read', 'stats.read']).find((g) => g.key === 'workbench')?.items.map((i) => i.name)).toEqual(['home', 'cockpit'])
    expect(names(['session.self', 'stats.read', 'visit.stats'])).not.toContain('cockpit')
  })
  it('drops groups left empty', () => {
    const groups = filterMenu(MENU, ['session.self'])
    expect(groups.map((g) => g.key)).toEqual(['workbench', 'personal'])
  })
  it('an empty requirement is open to every signed-in user', () => {
    expect(allowed([], [])).toBe(true)
    expect(allowed(['a', 'b'], ['b'])).toBe(true)
    expect(allowed(['a'], ['b'])).toBe(false)
  })
})
