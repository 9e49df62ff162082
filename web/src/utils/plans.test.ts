import { describe, it, expect } from 'vitest'
import {
  beijingDay, blankMeasure, canStartVersion, canUpdateMeasure, dueOfDay, editorField, groupTodo, measureOverdue, overdueMeasures, planActions,
  planBody, planForm, planNotice, planProblems, safePhoneOk, safetyProblems, serverProblems, sortTodo, todoTarget, toMs,
  type Caller, type Measure, type Plan, type PlanForm, type TodoItem,
} from './plans'
import { AlertConnection, type EventSourceLike } from './caseAlerts'

const at = (s: string) => Date.parse(`${s}+08:00`)
const caller = (perms: string[], me = 5): Caller => ({ can: (p) => perms.includes(p), me })
function measure(over: Partial<Measure> = {}): Measure {
  return { type: 'mediation', unit: 'federation', person: '王芳', person_user_id: null, due_at: at('2026-12-10T23:59:59'), status: 'planned', detail: '', result: '', overdue: false, ...over }
}
function plan(over: Partial<Plan> = {}): Plan {
  return {
    id: 1, family_id: 9, version: 1, status: 'active', colour: 'yellow', focus: '彩礼纠纷', risks: '', goals: '稳定', measures: [measure()],
    has_safety_plan: false, author: { id: 5, name: '李', level: 'town' }, created_at: 0, updated_at: 0, row_version: 1, submitted_at: null,
    countersigned_by: null, countersigned_at: null, returned_reason: null, activated_at: null, last_review_at: null, review_due: null, review_reason: null, ...over,
  }
}
function form(over: Partial<PlanForm> = {}): PlanForm {
  return { focus: '彩礼纠纷', risks: '', goals: '关系稳定', measures: [{ ...blankMeasure(), person: '王芳', due_at: '2026-12-10' }], ...over }
}

describe('times', () => {
  it('read ms and ISO texts, and keep a due date as the end of its Beijing day', () => {
    expect(toMs(1700000000000)).toBe(1700000000000)
    expect(toMs('2026-12-03T08:00:00+08:00')).toBe(at('2026-12-03T08:00:00'))
    expect(toMs(null)).toBeNull()
    expect(toMs('nonsense')).toBeNull()
    expect(dueOfDay('2026-12-10')).toBe('2026-12-10')
    expect(dueOfDay('')).toBeNull()
    expect(dueOfDay('2026-13-40')).toBeNull()
    // the server answers the end of that day in Beijing, which reads back as the same day
    expect(beijingDay('2026-12-10T23:59:59+08:00')).toBe('2026-12-10')
    expect(beijingDay(at('2026-12-10T00:30:00'))).toBe('2026-12-10')
  })
})

describe('a measure', () => {
  it('is overdue when open and past its due time; due exactly now is in time', () => {
    const due = at('2026-12-10T23:59:59')
    expect(measureOverdue(measure({ due_at: due }), due)).toBe(false)
    expect(measureOverdue(measure({ due_at: due }), due + 1)).toBe(true)
    expect(measureOverdue(measure({ due_at: due, status: 'in_progress' }), due + 1)).toBe(true)
    expect(measureOverdue(measure({ due_at: due, status: 'done' }), due + 1)).toBe(false)
    expect(measureOverdue(measure({ due_at: due, status: 'cancelled' }), due + 1)).toBe(false)
    expect(measureOverdue(measure({ due_at: null }), due + 1)).toBe(false)
  })
  it('counts the server\'s flag as well as the clock', () => {
    const now = at('2026-12-05T00:00:00')
    expect(overdueMeasures([measure(), measure({ overdue: true }), measure({ due_at: at('2026-12-01T00:00:00') }), measure({ overdue: true, status: 'done' })], now)).toEqual([1, 2])
  })
  it('is updated on an active plan while open, with family.plan or by its own person', () => {
    expect(canUpdateMeasure(plan(), measure(), caller(['family.plan']))).toBe(true)
    expect(canUpdateMeasure(plan(), measure({ person_user_id: 5 }), caller([]))).toBe(true)
    expect(canUpdateMeasure(plan(), measure({ person_user_id: 6 }), caller(['family.read']))).toBe(false)
    expect(canUpdateMeasure(plan({ status: 'draft' }), measure(), caller(['family.plan']))).toBe(false)
    expect(canUpdateMeasure(plan(), measure({ status: 'done' }), caller(['family.plan']))).toBe(false)
  })
})

describe('what a version allows', () => {
  it('by its status and the caller\'s permissions', () => {
    const writer = caller(['family.read', 'family.plan'])
    const approver = caller(['family.read', 'family.approve'], 7)
    expect(planActions(plan({ status: 'draft' }), writer)).toEqual(['edit', 'submit'])
    expect(planActions(plan({ status: 'draft' }), approver)).toEqual([])
    expect(planActions(plan({ status: 'active' }), writer)).toEqual(['review'])
    expect(planActions(plan({ status: 'awaiting_countersign' }), approver)).toEqual(['countersign', 'return'])
    expect(planActions(plan({ status: 'awaiting_countersign' }), writer)).toEqual([])
    for (const s of ['superseded', 'closed'] as const) expect(planActions(plan({ status: s }), caller(['family.plan', 'family.approve'], 7))).toEqual([])
    expect(planActions(plan({ status: 'draft' }), writer, true)).toEqual([])
  })
  it('never the author countersigning her own plan', () => {
    expect(planActions(plan({ status: 'awaiting_countersign', author: { id: 7, name: '张', level: 'city' } }), caller(['family.approve'], 7))).toEqual([])
  })
  it('a new version only while none is open', () => {
    const writer = caller(['family.plan'])
    expect(canStartVersion([], writer)).toBe(true)
    expect(canStartVersion([plan()], writer)).toBe(true)
    expect(canStartVersion([plan({ id: 2, status: 'draft' }), plan()], writer)).toBe(false)
    expect(canStartVersion([plan({ id: 2, status: 'awaiting_countersign' })], writer)).toBe(false)
    expect(canStartVersion([], caller(['family.read']))).toBe(false)
    expect(canStartVersion([], writer, true)).toBe(false)
  })
  it('a notice: the plan due for a yellow or red family without one, or its review needed, near or passed', () => {
    const now = at('2026-12-05T00:00:00')
    expect(planNotice('blue', [], null, now)).toBeNull()
    expect(planNotice('red', [], at('2026-12-04T00:00:00'), now)).toMatchObject({ kind: 'due', overdue: true, open: null })
    const draft = plan({ status: 'draft' })
    expect(planNotice('yellow', [draft], at('2026-12-09T00:00:00'), now)).toMatchObject({ kind: 'due', overdue: false, open: draft })
    expect(planNotice('yellow', [plan()], null, now)).toBeNull()
    expect(planNotice('red', [plan({ review_reason: 'colour_changed' })], null, now)).toMatchObject({ kind: 'review', overdue: true, reason: 'colour_changed' })
    expect(planNotice('red', [plan({ review_due: at('2026-12-20T00:00:00') })], null, now)).toBeNull()
    expect(planNotice('red', [plan({ review_due: at('2026-12-10T00:00:00') })], null, now)).toMatchObject({ kind: 'review', overdue: false })
    expect(planNotice('red', [plan({ review_due: at('2026-12-01T00:00:00') })], null, now)).toMatchObject({ kind: 'review', overdue: true, reason: null })
  })
})

describe('submitting a plan', () => {
  it('needs focus, goals and a measure with its person and due date', () => {
    expect(planProblems(form(), 'submit')).toEqual({})
    expect(planProblems(form({ focus: ' ', goals: '', measures: [] }), 'submit')).toEqual({
      focus: 'plans.problems.required', goals: 'plans.problems.required', measures: 'plans.problems.measureRequired',
    })
    expect(planProblems(form({ measures: [form().measures[0], blankMeasure()] }), 'submit')).toEqual({
      'measures[1].person': 'plans.problems.required', 'measures[1].due_at': 'plans.problems.dueRequired',
    })
  })
  it('needs a result once a measure is done, the reason once cancelled', () => {
    const m = form().measures[0]
    expect(planProblems(form({ measures: [{ ...m, status: 'done' }] }), 'submit')).toEqual({ 'measures[0].result': 'plans.problems.resultRequired' })
    expect(planProblems(form({ measures: [{ ...m, status: 'cancelled' }] }), 'submit')).toEqual({ 'measures[0].result': 'plans.problems.reasonRequired' })
    expect(planProblems(form({ measures: [{ ...m, status: 'done', result: '已调解' }] }), 'submit')).toEqual({})
  })
  it('lets a draft be half-written, but not past the limits', () => {
    expect(planProblems(form({ focus: '', goals: '', measures: [blankMeasure()] }), 'draft')).toEqual({})
    const long = '字'.repeat(501)
    expect(planProblems(form({ focus: long, measures: [{ ...blankMeasure(), person: '甲\n乙', detail: '字'.repeat(201) }] }), 'draft')).toEqual({
      focus: 'plans.problems.tooLong', 'measures[0].person': 'plans.problems.oneLine', 'measures[0].detail': 'plans.problems.tooLong',
    })
    expect(planProblems(form({ focus: '字'.repeat(500) }), 'submit')).toEqual({})
    expect(planProblems(form({ measures: Array.from({ length: 31 }, blankMeasure) }), 'draft').measures).toBe('plans.problems.tooManyMeasures')
  })
  it('checks the safety plan when it is sent', () => {
    const safety = { contacts: [{ name: '姐姐', relation: '姐妹', phone: '138 0000 1234' }, { name: '', relation: '', phone: '12345' }], code_word: '回家吃饭', safe_place: '', notes: '' }
    expect(planProblems(form(), 'submit', safety)).toEqual({ 'safety.contacts[1].name': 'plans.problems.required', 'safety.contacts[1].phone': 'plans.problems.phone' })
  })
})

describe('the safety plan', () => {
  it('takes a mainland mobile or landline for each safe contact', () => {
    expect(safePhoneOk('13800001234')).toBe(true)
    expect(safePhoneOk('+86 138-0000-1234')).toBe(true)
    expect(safePhoneOk('0571-87654321')).toBe(true)
    expect(safePhoneOk('12800001234')).toBe(false)
    expect(safePhoneOk('')).toBe(false)
  })
  it('has at most five contacts, and its limits', () => {
    const c = { name: '甲', relation: '', phone: '13800001234' }
    expect(safetyProblems({ contacts: Array(6).fill(c), code_word: '', safe_place: '', notes: '' })['safety.contacts']).toBe('plans.problems.tooManyContacts')
    expect(safetyProblems({ contacts: [{ ...c, phone: '' }], code_word: '字'.repeat(21), safe_place: '', notes: '' })).toEqual({
      'safety.contacts[0].phone': 'plans.problems.phoneRequired', 'safety.code_word': 'plans.problems.tooLong',
    })
    expect(safetyProblems({ contacts: [], code_word: '', safe_place: '', notes: '' })).toEqual({})
  })
})

describe('the form', () => {
  it('comes from a version and goes back as its body, the safety plan only when opened', () => {
    const p = plan({ measures: [measure({ person_user_id: 12, status: 'in_progress' })] })
    const f = planForm(p)
    expect(f.measures[0]).toMatchObject({ due_at: '2026-12-10', person_user_id: 12, status: 'in_progress' })
    const body = planBody({ ...f, focus: ' 彩礼纠纷 ' })
    expect(body.focus).toBe('彩礼纠纷')
    expect(body.measures?.[0].due_at).toBe(dueOfDay('2026-12-10'))
    expect('safety' in body).toBe(false)
    const withSafety = planBody(f, { contacts: [{ name: ' 姐姐 ', relation: '', phone: '138-0000-1234' }], code_word: '', safe_place: '', notes: '' })
    expect(withSafety.safety?.contacts[0]).toEqual({ name: '姐姐', relation: '', phone: '13800001234' })
  })
  it('shows the server\'s problems on the fields it names', () => {
    expect(editorField('measures[2].person')).toBe('measures[2].person')
    expect(editorField('safety.contacts[0].phone')).toBe('safety.contacts[0].phone')
    expect(editorField('goals')).toBe('goals')
    expect(editorField('row_version')).toBeNull()
    expect(serverProblems({ field: 'focus', message: 'a', details: { problems: [{ field: 'focus', message: 'a' }, { field: 'measures[0].due_at', message: 'b' }] } }))
      .toEqual([{ field: 'focus', message: 'a' }, { field: 'measures[0].due_at', message: 'b' }])
    expect(serverProblems({ field: 'goals', message: 'x' })).toEqual([{ field: 'goals', message: 'x' }])
  })
})

describe('the to-do', () => {
  const item = (over: Partial<TodoItem>): TodoItem => ({
    kind: 'contact', due_at: null, overdue: false, family: { id: 3, name: '张家', region: { code: '1', name: '某村' } }, colour: 'yellow',
    plan_id: null, measure_index: null, detail: '', incident: null, ...over,
  })
  const items = [
    item({ kind: 'contact', due_at: at('2026-12-09T00:00:00') }),
    item({ kind: 'measure', due_at: at('2026-12-01T00:00:00'), overdue: true, plan_id: 4, measure_index: 0 }),
    item({ kind: 'contact', due_at: at('2026-12-02T00:00:00'), overdue: true }),
    item({ kind: 'push', due_at: at('2026-12-04T00:00:00'), family: null, incident: { id: 8, incident_no: 'J1', kind: 'domestic_violence', step: 'acknowledged', push_id: 2 } }),
    item({ kind: 'contact', due_at: null }),
    item({ kind: 'plan', due_at: at('2026-12-06T00:00:00') }),
  ]
  it('puts what is overdue first, then by due time, none last', () => {
    expect(sortTodo(items).map((i) => `${i.kind}${i.overdue ? '!' : ''}`)).toEqual(['measure!', 'contact!', 'push', 'plan', 'contact', 'contact'])
  })
  it('groups by kind: groups with something overdue first, then in the kinds\' order', () => {
    const g = groupTodo(items)
    expect(g.map((x) => `${x.kind}:${x.items.length}/${x.overdue}`)).toEqual(['contact:3/1', 'measure:1/1', 'plan:1/0', 'push:1/0'])
    expect(g[0].items[0].overdue).toBe(true)
    expect(g[0].items.at(-1)?.due_at).toBeNull()
    expect(groupTodo([])).toEqual([])
  })
  it('opens the family, its plan, or the incident', () => {
    const staff = { readsFamilies: true }
    expect(todoTarget(items[0], staff)).toBe('/key-families/3')
    expect(todoTarget(items[1], staff)).toBe('/key-families/3?tab=plan')
    expect(todoTarget(item({ kind: 'countersign', plan_id: 4 }), staff)).toBe('/key-families/3?tab=plan')
    expect(todoTarget(items[3], staff)).toBe('/incidents/8')
    expect(todoTarget(item({ kind: 'approval' }), staff)).toBe('/key-families/3')
    expect(todoTarget(item({ colour: null }), { readsFamilies: false, contacts: '/key-families/due' })).toBe('/key-families/due')
    expect(todoTarget(item({ colour: null }), { readsFamilies: false })).toBeNull()
    expect(todoTarget(item({ family: null }), staff)).toBeNull()
  })
})

describe('the live events the to-do refreshes on', () => {
  it('come through the connection as they are, besides the case alerts', () => {
    const listeners: Record<string, ((ev: { data: string }) => void)[]> = {}
    const source: EventSourceLike = { onopen: null, onerror: null, addEventListener: (type, fn) => { (listeners[type] ??= []).push(fn) }, close: () => {} }
    const heard: string[] = []
    const c = new AlertConnection({ url: '/x', create: () => source, onAlert: () => heard.push('case'), onOther: (type) => heard.push(type) })
    c.start()
    listeners.family_todo.forEach((fn) => fn({ data: '{"family_id":3}' }))
    listeners.key_family_upgrade.forEach((fn) => fn({ data: '{"id":3,"colour":"red"}' }))
    expect(heard).toEqual(['family_todo', 'key_family_upgrade'])
    c.stop()
    listeners.family_todo.forEach((fn) => fn({ data: '{"family_id":3}' }))
    expect(heard.length).toBe(2)
  })
})
