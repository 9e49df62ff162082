import { describe, it, expect } from 'vitest'
import { COLOURS, CONTACT_KINDS, PUBLISHED_FAMILY, STEP_DOWN_TARGETS, type KeyFamily } from '@/api/families'
import { t } from '@/i18n'
import {
  FACTORS, answersOf, applyLocalFilters, blankAnswers, colourKey, colourRank, contactOverdue, daysUntil, dueState, incidentSinceContact,
  pageOf, parseFamilyUpgrade, reasonNeeded, reasonProblem, stepDownTargets, supervisionOf, tally,
} from './families'

const at = (d: number, h = 10, m = 0) => `2026-12-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+08:00`
const ms = (iso: string) => Date.parse(iso)

describe('the published lists', () => {
  it('are the ones the screens know', () => {
    expect(PUBLISHED_FAMILY?.colour?.enum).toEqual([...COLOURS])
    expect(PUBLISHED_FAMILY?.kind?.enum).toEqual([...CONTACT_KINDS])
    expect(PUBLISHED_FAMILY?.to?.enum).toEqual([...STEP_DOWN_TARGETS])
  })
  it('every published code has a name in both languages', () => {
    const named = (prefix: string, codes: readonly string[] | undefined) => {
      expect(codes?.length, prefix).toBeTruthy()
      for (const c of codes ?? []) expect(t(`${prefix}.${c}`), `${prefix}.${c}`).not.toBe(`${prefix}.${c}`)
    }
    named('families.sources', PUBLISHED_FAMILY?.source?.values)
    named('families.levels', PUBLISHED_FAMILY?.followed_by?.values)
    named('families.contactKinds', PUBLISHED_FAMILY?.kind?.values)
    named('families.colours', PUBLISHED_FAMILY?.colour?.values)
    named('families.colours', PUBLISHED_FAMILY?.to?.enum)
    named('families.factors', FACTORS.map((f) => f.code))
    named('families.answers', ['yes', 'no', 'unknown'])
    named('families.outcomes', ['effective', 'pending', 'approved', 'rejected', 'superseded'])
    named('families.kinds', ['list', 'upgrade', 'downgrade', 'delisting'])
    named('families.reassessReasons', ['new_incident', 'visit_finding'])
  })
  it('the checklist has the twelve published factors, highest weight 40', () => {
    const published = Object.keys(PUBLISHED_FAMILY ?? {}).filter((k) => PUBLISHED_FAMILY?.[k]?.values?.join() === 'yes,no,unknown')
    expect(FACTORS.map((f) => f.code).sort()).toEqual(published.sort())
    expect(FACTORS.reduce((s, f) => s + f.weight, 0)).toBe(40)
  })
})

describe('colours', () => {
  it('are named in both languages, and ordered blue < yellow < red', () => {
    expect(t(colourKey('red'))).toBe('红色')
    expect(t(colourKey('yellow'))).toBe('黄色')
    expect(t(colourKey('blue'))).toBe('蓝色')
    expect(t(colourKey('delisted'))).toBe('销号')
    expect(colourRank('blue')).toBeLessThan(colourRank('yellow'))
    expect(colourRank('yellow')).toBeLessThan(colourRank('red'))
    expect(colourRank('green')).toBe(-1)
  })
  it('may step down to each lower colour or off the list', () => {
    expect(stepDownTargets('red')).toEqual(['yellow', 'blue', 'delisted'])
    expect(stepDownTargets('yellow')).toEqual(['blue', 'delisted'])
    expect(stepDownTargets('blue')).toEqual(['delisted'])
    expect(stepDownTargets('')).toEqual([])
  })
})

describe('the contact due', () => {
  it('is in time exactly at the due time and overdue a millisecond later', () => {
    const due = at(10)
    expect(contactOverdue(due, ms(due))).toBe(false)
    expect(contactOverdue(due, ms(due) + 1)).toBe(true)
    expect(contactOverdue(null, ms(due))).toBe(false)
  })
  it('counts whole days left, and started days overdue', () => {
    expect(daysUntil(at(10), ms(at(7)))).toBe(3)
    expect(daysUntil(at(10), ms(at(9, 11)))).toBe(0)
    expect(daysUntil(at(10), ms(at(10, 11)))).toBe(-1)
    expect(dueState(at(10), ms(at(7)))).toEqual({ key: 'families.due.inDays', n: 3, overdue: false })
    expect(dueState(at(10), ms(at(10)))).toEqual({ key: 'families.due.today', n: 0, overdue: false })
    expect(dueState(at(10), ms(at(10)) + 1)).toEqual({ key: 'families.due.overdueDays', n: 1, overdue: true })
    expect(dueState(at(10), ms(at(13, 12)))).toEqual({ key: 'families.due.overdueDays', n: 4, overdue: true })
    expect(dueState(undefined, 0)).toBeNull()
  })
})

describe('a colour other than the suggestion', () => {
  it('needs a reason of at least ten characters, counted as characters', () => {
    expect(reasonNeeded('red', 'red')).toBe(false)
    expect(reasonNeeded('red', 'yellow')).toBe(true)
    expect(reasonNeeded('blue', 'red')).toBe(true)
    expect(reasonProblem('red', 'red', '')).toBeNull()
    expect(reasonProblem('red', 'yellow', '')).toBe('families.reasonRequired')
    expect(reasonProblem('red', 'yellow', '   ')).toBe('families.reasonRequired')
    expect(reasonProblem('red', 'yellow', '九个字九个字九个字')).toBe('families.reasonTooShort')
    expect(reasonProblem('red', 'yellow', ' 十个字十个字十个字十 ')).toBeNull()
    expect(reasonProblem('blue', 'red', 'short')).toBe('families.reasonTooShort')
    expect(reasonProblem('red', 'red', 'x'.repeat(501))).toBe('families.reasonTooLong')
  })
  it('without a suggestion yet, asks for nothing', () => {
    expect(reasonProblem(null, 'red', '')).toBeNull()
  })
})

describe('an incident since the last contact', () => {
  it('is flagged when the police came after the last contact, or before any', () => {
    expect(incidentSinceContact({ last_incident_at: at(5), last_contact_at: at(4) })).toBe(true)
    expect(incidentSinceContact({ last_incident_at: at(5), last_contact_at: null })).toBe(true)
    expect(incidentSinceContact({ last_incident_at: at(5), last_contact_at: at(5) })).toBe(false)
    expect(incidentSinceContact({ last_incident_at: at(5), last_contact_at: at(6) })).toBe(false)
    expect(incidentSinceContact({ last_incident_at: null, last_contact_at: null })).toBe(false)
  })
})

describe('the list\'s own filters and paging', () => {
  const row = (id: number, over: Partial<KeyFamily> = {}) => ({ id, pending_change: null, last_incident_at: null, last_contact_at: null, ...over })
  const rows = [row(1), row(2, { pending_change: 'downgrade' }), row(3, { last_incident_at: at(5) }), row(4, { pending_change: 'delisting', last_incident_at: at(5), last_contact_at: at(6) })]
  it('keeps the families with a step down waiting, or an incident since contact', () => {
    expect(applyLocalFilters(rows, {}).map((r) => r.id)).toEqual([1, 2, 3, 4])
    expect(applyLocalFilters(rows, { pending: true }).map((r) => r.id)).toEqual([2, 4])
    expect(applyLocalFilters(rows, { incident: true }).map((r) => r.id)).toEqual([3])
    expect(applyLocalFilters(rows, { pending: true, incident: true })).toEqual([])
  })
  it('answers the one pagination shape', () => {
    expect(pageOf([1, 2, 3, 4, 5], 2, 2)).toEqual({ items: [3, 4], page: 2, page_size: 2, total: 5 })
    expect(pageOf([1, 2], 3, 2)).toEqual({ items: [], page: 3, page_size: 2, total: 2 })
  })
})

describe('the checklist', () => {
  it('starts all unknown and reads a stored one, unknown where it says nothing', () => {
    expect(tally(blankAnswers())).toEqual({ yes: 0, no: 0, unknown: 12 })
    const a = answersOf({ weapon: 'yes', children: 'no', stalking: 'maybe' as never })
    expect(a.weapon).toBe('yes')
    expect(a.stalking).toBe('unknown')
    expect(tally(a)).toEqual({ yes: 1, no: 1, unknown: 10 })
  })
})

describe('the live upgrade and the supervision mark', () => {
  it('reads the family\'s id and colour, nothing else', () => {
    expect(parseFamilyUpgrade('{"id":7,"colour":"red"}')).toEqual({ kind: 'key_family_upgrade', family_id: 7, colour: 'red' })
    expect(parseFamilyUpgrade('{"id":7,"colour":"green"}')).toBeNull()
    expect(parseFamilyUpgrade('{"colour":"red"}')).toBeNull()
    expect(parseFamilyUpgrade('not json')).toBeNull()
  })
  it('shows a yellow or red mark only', () => {
    expect(supervisionOf({ supervision: 'red' })).toBe('red')
    expect(supervisionOf({ supervision: 'none' })).toBeNull()
    expect(supervisionOf({})).toBeNull()
  })
})
