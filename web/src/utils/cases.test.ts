import { describe, it, expect } from 'vitest'
import { CASE_STATUSES, type CaseDetail } from '@/api/cases'
import {
  actionNeeds, actionProblems, activeFilterCount, beijingInputToIso, changedFields, countdown,
  emptyActionInput, emptyFilters, filtersToQuery, isoToBeijingInput, levelOfCode,
  mergeOnReload, pendingDueTimes, protectionOrderDue, queryToFilters,
  satisfactionRequired, STATUS_COLORS, transitionBody,
  emptyParty, partyBody, partyProblems,
} from './cases'

describe('status colours', () => {
  it('give every status its own colour', () => {
    const colours = CASE_STATUSES.map((s) => STATUS_COLORS[s])
    expect(colours.every((c) => /^#[0-9a-f]{6}$/.test(c))).toBe(true)
    expect(new Set(colours).size).toBe(CASE_STATUSES.length)
  })
})

describe('list filters', () => {
  it('send only what is set, with the names GET /cases reads', () => {
    expect(filtersToQuery(emptyFilters())).toEqual({})
    const f = { ...emptyFilters(), statuses: ['registered', 'mediating'], category: 'child_support', level: 'town', region: '330784001', overdue: true, supervision: 'red' as const, night_clinic: true, assigned_to_me: true, q: '  HJ2026 ' }
    expect(filtersToQuery(f)).toEqual({
      status: 'registered,mediating', category: 'child_support', level: 'town', region: '330784001', overdue: '1',
      supervision: 'red', night_clinic: '1', assigned_to_me: '1', q: 'HJ2026',
    })
    expect(activeFilterCount(f)).toBe(9)
  })
  it('survive a round trip through the address bar', () => {
    const f = { ...emptyFilters(), statuses: ['breached'], supervision: 'any' as const, overdue: true, q: '抚养' }
    expect(queryToFilters(filtersToQuery(f))).toEqual(f)
  })
  it('drop what the server would refuse', () => {
    const f = queryToFilters({ status: 'mediating,bogus,mediating', level: 'grid', region: "33'; drop", supervision: 'green', overdue: 'yes', category: 'Child Support' })
    expect(f.statuses).toEqual(['mediating'])
    expect(f.level).toBe('')
    expect(f.region).toBe('')
    expect(f.supervision).toBe('')
    expect(f.overdue).toBe(false)
    expect(f.category).toBe('')
  })
  it('take the first of repeated query values', () => {
    expect(queryToFilters({ q: ['a', 'b'] }).q).toBe('a')
  })
})

const NOW = Date.parse('2026-11-28T21:30:00+08:00')
const timers = {
  due_first_contact_at: null, first_contact_at: null, due_decision_at: null, decided_at: null,
  mediation_started_at: null, due_mediation_at: null, extensions: 0, resolved_at: null, closed_at: null, missed: null,
}
type Due = Pick<CaseDetail, 'status' | 'timers' | 'protection'>

describe('pending due times', () => {
  it('show first contact and the decision of a new request, soonest first', () => {
    const c: Due = { status: 'registered', protection: null, timers: { ...timers, due_first_contact_at: '2026-11-28T22:30:00+08:00', due_decision_at: '2026-12-01T21:30:00+08:00' } }
    expect(pendingDueTimes(c, NOW)).toEqual([
      { kind: 'first_contact', due_at: '2026-11-28T22:30:00+08:00', overdue: false },
      { kind: 'decision', due_at: '2026-12-01T21:30:00+08:00', overdue: false },
    ])
  })
  it('drop a limit once it is met, and mark one that passed', () => {
    const c: Due = { status: 'mediating', protection: null, timers: { ...timers, due_first_contact_at: '2026-11-28T20:00:00+08:00', first_contact_at: '2026-11-28T20:10:00+08:00', due_decision_at: '2026-11-20T00:00:00+08:00', decided_at: '2026-11-19T00:00:00+08:00', due_mediation_at: '2026-11-28T21:00:00+08:00' } }
    expect(pendingDueTimes(c, NOW)).toEqual([{ kind: 'mediation', due_at: '2026-11-28T21:00:00+08:00', overdue: true }])
  })
  it('show nothing for a closed case but keep a protection order awaiting its decision', () => {
    const c: Due = {
      status: 'closed', timers: { ...timers, due_first_contact_at: '2026-11-28T20:00:00+08:00' },
      protection: { police_reported_at: null, police_ref: '', warning_letter_no: '', order_applied_at: '2026-11-28T09:00:00+08:00', order_urgent: true, order_due_at: '2026-11-29T09:00:00+08:00', order_court: '', order_decided_at: null, order_result: null, order_valid_until: null, updated_at: '' },
    }
    expect(pendingDueTimes(c, NOW).map((d) => d.kind)).toEqual(['protection_order'])
  })
})

describe('countdown', () => {
  it('gives the two largest units', () => {
    expect(countdown(NOW + (2 * 86400 + 3 * 3600 + 59) * 1000, NOW)).toEqual({ overdue: false, parts: [{ n: 2, unit: 'd' }, { n: 3, unit: 'h' }] })
    expect(countdown(NOW + (45 * 60 + 12) * 1000, NOW).parts).toEqual([{ n: 45, unit: 'm' }, { n: 12, unit: 's' }])
  })
  it('counts how long ago a passed limit was', () => {
    expect(countdown(NOW - 90 * 60 * 1000, NOW)).toEqual({ overdue: true, parts: [{ n: 1, unit: 'h' }, { n: 30, unit: 'm' }] })
    expect(countdown(NOW, NOW)).toEqual({ overdue: true, parts: [{ n: 0, unit: 's' }] })
  })
})

describe('Beijing-time inputs', () => {
  it('read and write the API times in Beijing whatever the offset given', () => {
    expect(isoToBeijingInput('2026-11-28T13:30:00Z')).toBe('2026-11-28 21:30')
    expect(isoToBeijingInput('2026-11-28T21:30:00+08:00')).toBe('2026-11-28 21:30')
    expect(isoToBeijingInput(null)).toBe('')
    expect(beijingInputToIso('2026-11-28 21:30')).toBe('2026-11-28T21:30:00+08:00')
    expect(beijingInputToIso('2026-11-28 21:30:15')).toBe('2026-11-28T21:30:15+08:00')
    expect(beijingInputToIso('28/11/2026')).toBeNull()
    expect(beijingInputToIso('')).toBeNull()
  })
  it('put a protection order decision 72 hours after its application, 24 when urgent', () => {
    expect(protectionOrderDue('2026-11-28T21:30:00+08:00', false)).toBe('2026-12-01T21:30:00+08:00')
    expect(protectionOrderDue('2026-11-28T21:30:00+08:00', true)).toBe('2026-11-29T21:30:00+08:00')
    expect(protectionOrderDue(null, true)).toBeNull()
  })
})

describe('workflow actions', () => {
  it('ask a reason to reject, refer, terminate and withdraw', () => {
    for (const a of ['reject', 'refer', 'terminate', 'withdraw'] as const) {
      expect(actionNeeds(a).reason).toBe('required')
      expect(actionProblems(a, emptyActionInput(), 'registered').reason).toBe('cases.action.reasonRequired')
    }
    expect(actionProblems('accept', emptyActionInput(), 'registered')).toEqual({})
  })
  it('keep high risk out of screening', () => {
    expect(actionProblems('screen', { ...emptyActionInput(), risk_level: 'high' }, 'accepted').risk_level).toBe('cases.action.riskRequired')
    expect(actionProblems('screen', { ...emptyActionInput(), risk_level: 'medium' }, 'accepted')).toEqual({})
  })
  it('need a mediator to assign, routes to terminate, consent to extend', () => {
    expect(actionProblems('assign', emptyActionInput(), 'screened')).toEqual({ mediator_id: 'cases.action.mediatorRequired' })
    expect(actionProblems('terminate', { ...emptyActionInput(), reason: '双方分歧大' }, 'mediating')).toEqual({ advised_routes: 'cases.action.routesRequired' })
    expect(actionProblems('extend', emptyActionInput(), 'mediating')).toEqual({ consent_recorded: 'cases.action.consentRequired' })
  })
  it('need satisfaction to close, except after a termination', () => {
    expect(satisfactionRequired('close', 'fulfilled')).toBe(true)
    expect(satisfactionRequired('close', 'terminated')).toBe(false)
    expect(actionProblems('close', { ...emptyActionInput(), outcome: '已履行' }, 'fulfilled')).toEqual({ satisfaction: 'cases.action.satisfactionRequired' })
    expect(actionProblems('close', { ...emptyActionInput(), outcome: '已告知诉讼途径' }, 'terminated')).toEqual({})
  })
  it('send only the fields the action uses', () => {
    const input = { ...emptyActionInput(), reason: ' 当事人明确拒绝 ', risk_level: 'high', mediator_id: 3, outcome: 'x', satisfaction: 4, advised_routes: ['court', 'nonsense'] }
    expect(transitionBody('reject', 5, input)).toEqual({ action: 'reject', version: 5, reason: '当事人明确拒绝' })
    expect(transitionBody('refer', 5, input)).toEqual({ action: 'refer', version: 5, reason: '当事人明确拒绝', risk_level: 'high' })
    expect(transitionBody('assign', 5, input)).toEqual({ action: 'assign', version: 5, mediator_id: 3 })
    expect(transitionBody('terminate', 5, input)).toEqual({ action: 'terminate', version: 5, reason: '当事人明确拒绝', advised_routes: ['court'] })
    expect(transitionBody('close', 5, input)).toEqual({ action: 'close', version: 5, outcome: 'x', satisfaction: 4 })
    expect(transitionBody('start', 5, input)).toEqual({ action: 'start', version: 5 })
  })
})

describe('stale edits', () => {
  const loaded = { status: 'mediating', facts: 'a', wish: 'b', assignee: { id: 1, display_name: 'x' }, version: 3 }
  it('list the fields someone else changed, not the version', () => {
    const current = { ...loaded, facts: 'a2', assignee: { id: 2, display_name: 'y' }, version: 4 }
    expect(changedFields(loaded, current, ['status', 'facts', 'wish', 'assignee'])).toEqual(['facts', 'assignee'])
  })
  it('keep the user’s own text on reload and take the rest from the server', () => {
    const mine = { ...loaded, wish: 'my new wish' }
    const current = { ...loaded, facts: 'their facts', version: 4 }
    expect(mergeOnReload(loaded, mine, current, ['facts', 'wish'])).toEqual({ ...current, wish: 'my new wish' })
  })
})

describe('region levels', () => {
  it('follow the length of the code', () => {
    expect(['330784', '330784001', '330784001001', '330784001001001', '1'].map(levelOfCode)).toEqual(['city', 'town', 'village', 'grid', null])
  })
})

describe('intake parties', () => {
  // a valid ID number of a woman born 1990-03-07 (even 17th digit)
  const WOMAN = (() => {
    const first17 = '33078419900307002'
    const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    let s = 0
    for (let i = 0; i < 17; i++) s += Number(first17[i]) * w[i]
    return first17 + '10X98765432'[s % 11]
  })()
  it('name the fields as the server does', () => {
    const p = { ...emptyParty('respondent'), phone: '12345', id_number: '330784199003070021' }
    const problems = partyProblems(p, 'parties[1].')
    expect(problems['parties[1].name']).toBe('cases.party.nameRequired')
    expect(problems['parties[1].phone']).toBe('cases.party.phoneInvalid')
    expect(Object.keys(problems).sort()).toEqual(['parties[1].id_number', 'parties[1].name', 'parties[1].phone'].sort())
  })
  it('accept a good party and catch an ID number of the other gender', () => {
    const p = { ...emptyParty('applicant'), name: '王芳', gender: 'female' as const, phone: '138 0000 1234', id_number: WOMAN.toLowerCase() }
    expect(partyProblems(p, '')).toEqual({})
    expect(partyProblems({ ...p, gender: 'male' }, '')).toEqual({ id_number: 'cases.party.idGenderMismatch' })
  })
  it('send only what was filled in', () => {
    expect(partyBody({ ...emptyParty('applicant'), name: ' 王芳 ', id_number: 'abc' })).toEqual({ role: 'applicant', name: '王芳', id_number: 'ABC' })
  })
})

describe('case menu', () => {
  it('shows the list and settings to case readers, intake to those who take requests in', async () => {
    const { MENU, filterMenu } = await import('@/menu')
    const names = (perms: string[]) => filterMenu(MENU, perms).flatMap((g) => g.items.map((i) => i.name))
    expect(names(['case.read', 'case.intake'])).toEqual(expect.arrayContaining(['cases', 'case-intake', 'case-settings']))
    expect(names(['person.read'])).not.toContain('cases')
    expect(names(['case.intake'])).toEqual(expect.arrayContaining(['case-intake']))
    expect(names(['case.intake'])).not.toContain('cases')
  })
})
