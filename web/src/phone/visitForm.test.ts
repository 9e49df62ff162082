import { describe, it, expect } from 'vitest'
import { beijingIso, beijingLocal, emptyDraft, visitBody, visitProblems, type DraftPerson, type VisitDraft } from './visitForm'

const NOW = Date.parse('2026-05-01T10:00:00+08:00')
function draft(over: Partial<VisitDraft> = {}): VisitDraft {
  return { ...emptyDraft(NOW), household_id: 42, situations: ['hardship'], ...over }
}

describe('the visit form', () => {
  it('a complete must-visit passes and becomes the API body', () => {
    const d = draft({ situations: ['left_behind_or_alone', 'family_conflict'], people_met: ' 户主 ' })
    expect(visitProblems(d, NOW)).toEqual({})
    const b = visitBody(d)
    expect(b).toMatchObject({ household_id: 42, visited_at: '2026-05-01T10:00:00+08:00', kind: 'must_visit', situations: 'family_conflict,left_behind_or_alone', action: 'none', problem_found: false, minutes: 60, people_met: '户主' })
    expect(b.client_id).toMatch(/^[0-9a-f-]{36}$/)
    expect(b.problem).toBeUndefined()
  })

  it('a must-visit requires a situation; other kinds send none', () => {
    expect(visitProblems(draft({ situations: [] }), NOW)).toEqual({ situations: 'phone.rules.situation' })
    const care = draft({ kind: 'care', situations: ['hardship'], people: [{ person_id: 1, name: '李*', given: [] }] })
    expect(visitProblems(care, NOW)).toEqual({})
    expect(visitBody(care).situations).toBe('')
  })

  it('a problem found requires the problem and an action; no problem, no action', () => {
    expect(visitProblems(draft({ problem_found: true }), NOW)).toEqual({ problem: 'phone.rules.problem', action: 'phone.rules.action' })
    expect(visitProblems(draft({ problem_found: true, problem: '邻里纠纷', action: 'settled' }), NOW)).toEqual({})
    expect(visitProblems(draft({ action: 'settled' }), NOW)).toEqual({ action: 'phone.rules.noProblemNoAction' })
  })

  it('a referral requires its receiver; a case opened its category', () => {
    const referral = draft({ problem_found: true, problem: '邻里纠纷', action: 'referral' })
    expect(visitProblems(referral, NOW)).toEqual({ referral_to: 'phone.rules.referralTo' })
    expect(visitBody({ ...referral, referral_to: ' 镇综治中心 ' }).referral_to).toBe('镇综治中心')
    const opened = draft({ problem_found: true, problem: '酒后推搡', action: 'case_opened' })
    expect(visitProblems(opened, NOW)).toEqual({ case_category: 'phone.rules.category' })
    expect(visitBody({ ...opened, case_category: 'domestic_violence' })).toMatchObject({ action: 'case_opened', case_category: 'domestic_violence', problem: '酒后推搡' })
  })

  it('the household, a time not in the future, and the minutes are checked', () => {
    expect(visitProblems(draft({ household_id: null }), NOW)).toEqual({ household_id: 'phone.rules.household' })
    expect(visitProblems(draft({ visited_at: beijingLocal(NOW + 60 * 60 * 1000) }), NOW)).toEqual({ visited_at: 'phone.rules.future' })
    expect(visitProblems(draft({ minutes: 0 }), NOW)).toEqual({ minutes: 'phone.rules.minutes' })
  })

  it('times are Beijing times', () => {
    expect(beijingLocal(Date.parse('2026-05-01T01:30:00Z'))).toBe('2026-05-01T09:30')
    expect(beijingIso('2026-05-01T09:30')).toBe('2026-05-01T09:30:00+08:00')
  })
})

describe('a care visit', () => {
  const care = (over: Partial<VisitDraft> = {}) => draft({ kind: 'care', situations: [], ...over })
  const li: DraftPerson = { person_id: 7, name: '李*', given: [] }

  it('names at least one person met; the people are sent with what each was given, in the list\'s order', () => {
    expect(visitProblems(care(), NOW)).toEqual({ people: 'phone.rules.peopleCare' })
    const d = care({ people: [{ ...li, given: ['policy_advice', 'money'] }, { person_id: 8, name: '王*', given: [] }], campaign: ' 周末公益 ' })
    expect(visitProblems(d, NOW)).toEqual({})
    const b = visitBody(d)
    expect(b.people).toEqual([{ person_id: 7, given: ['money', 'policy_advice'] }, { person_id: 8, given: [] }])
    expect(b.campaign).toBe('周末公益')
    expect(b.situations).toBe('')
    expect(b).not.toHaveProperty('team_id')
    expect(b).not.toHaveProperty('whole_team')
  })

  it('at most 50 people, known gifts only, a campaign of at most 60 characters', () => {
    const many = Array.from({ length: 51 }, (_, i) => ({ person_id: i + 1, name: `${i}`, given: [] }))
    expect(visitProblems(care({ people: many }), NOW)).toEqual({ people: 'phone.rules.tooManyPeople' })
    expect(visitProblems(care({ people: [{ ...li, given: ['cash' as never] }] }), NOW)).toEqual({ people: 'phone.rules.gift' })
    expect(visitProblems(care({ people: [li], campaign: '公'.repeat(61) }), NOW)).toEqual({ campaign: 'phone.rules.tooLong' })
    expect(visitProblems(care({ people: [li], campaign: '公'.repeat(60) }), NOW)).toEqual({})
  })

  it('a whole-team visit names her team, and is sent with it', () => {
    expect(visitProblems(care({ people: [li], whole_team: true }), NOW)).toEqual({ whole_team: 'phone.rules.team' })
    const b = visitBody(care({ people: [li], whole_team: true, team_id: 3 }))
    expect(b).toMatchObject({ team_id: 3, whole_team: true })
    // not whole team: the team is not sent
    expect(visitBody(care({ people: [li], whole_team: false, team_id: 3 }))).not.toHaveProperty('team_id')
  })

  it('other kinds need no people and send none of the care fields', () => {
    const d = draft({ people: [li], campaign: '周末公益', whole_team: true, team_id: 3 })
    expect(visitProblems(d, NOW)).toEqual({})
    const b = visitBody(d)
    expect(b).not.toHaveProperty('people')
    expect(b).not.toHaveProperty('campaign')
    expect(b).not.toHaveProperty('team_id')
  })

  it('a draft sealed before the care fields existed still passes and is sent as before', () => {
    const old = draft()
    delete old.people
    delete old.campaign
    delete old.team_id
    delete old.whole_team
    expect(visitProblems(old, NOW)).toEqual({})
    expect(visitBody(old)).not.toHaveProperty('people')
    expect(visitProblems({ ...old, kind: 'care', situations: [] }, NOW)).toEqual({ people: 'phone.rules.peopleCare' })
  })
  it('names only the situations the federation set', () => {
    const set = ['family_conflict', 'elder_care']
    const elder = draft({ situations: ['elder_care'] })
    expect(visitProblems(elder, NOW)).toEqual({ situations: 'phone.rules.situation' })
    expect(visitProblems(elder, NOW, set)).toEqual({})
    expect(visitBody(draft({ situations: ['hardship', 'elder_care'] }), set).situations).toBe('elder_care')
  })
})
