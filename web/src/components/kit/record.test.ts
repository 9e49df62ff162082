import { describe, it, expect } from 'vitest'
import { bodyOf, compareOf, fieldsFor, formOf, recordFields, rulesOf, tagOf, valueLabelsOf, withLimits, type FieldSpec } from './record'

// A volunteer team as the console declares it; the lengths and kinds as the OpenAPI document gives them.
const API = { name: { maxLength: 50 }, kind: { enum: ['grid_sisters', 'volunteers'] }, note: { maxLength: 200 } } as const
const TEAM = withLimits(API, [
  { name: 'name', kind: 'text', required: true },
  { name: 'kind', kind: 'enum', required: true },
  { name: 'region_code', kind: 'region', label: 'region', required: true },
  { name: 'leader_phone', kind: 'phone', label: 'leaderPhone', sealed: true },
  { name: 'note', kind: 'textarea', maxLength: 80 },
  { name: 'active', kind: 'flag' },
])
const team = { id: 3, version: 2, name: '东城格姐队', kind: 'grid_sisters', region_code: '330702001', region_name: '东城街道', leader_phone: '138****5678', note: '', active: true }

describe('record fields', () => {
  it('take their lengths and choices from the API document unless the page says otherwise', () => {
    expect(TEAM.find((f) => f.name === 'name')?.maxLength).toBe(50)
    expect(TEAM.find((f) => f.name === 'kind')?.choices).toEqual(['grid_sisters', 'volunteers'])
    expect(TEAM.find((f) => f.name === 'note')?.maxLength).toBe(80)
    expect(TEAM.find((f) => f.name === 'region_code')?.maxLength).toBeUndefined()
  })

  it('of an API area read the generated document', () => {
    const [name, kind] = recordFields('team', [{ name: 'name', kind: 'text' }, { name: 'kind', kind: 'enum' }])
    expect(name.maxLength).toBeGreaterThan(0)
    expect(kind.choices).toContain('grid_sisters')
  })

  it('a new record starts blank; an opened one fills the form, except a sealed value', () => {
    expect(formOf(TEAM, null)).toEqual({ name: '', kind: '', region_code: null, leader_phone: '', note: '', active: false })
    expect(formOf(TEAM, team)).toEqual({ name: '东城格姐队', kind: 'grid_sisters', region_code: '330702001', leader_phone: '', note: '', active: true })
  })

  it('sends text trimmed, and a sealed value only when one was typed', () => {
    const form = { name: ' 西城队 ', kind: 'volunteers', region_code: '330702002', leader_phone: '  ', note: ' n ', active: false }
    expect(bodyOf(TEAM, form)).toEqual({ name: '西城队', kind: 'volunteers', region_code: '330702002', note: 'n', active: false })
    expect(bodyOf(TEAM, { ...form, leader_phone: ' 13800135678 ' }).leader_phone).toBe('13800135678')
  })

  it('after a stale version compares what the user can see, by its name', () => {
    expect(compareOf('teams', TEAM)).toEqual({
      name: 'teams.name', kind: 'teams.kind', region_name: 'teams.region', note: 'teams.note', active: 'teams.active',
    })
    expect(valueLabelsOf('teams', TEAM)).toEqual({ kind: 'teams.kinds' })
  })

  it('asks for the required fields and checks a phone before sending', () => {
    const t = (k: string) => `«${k}»`
    const rules = rulesOf('rooms', [...TEAM.slice(0, 3), { name: 'phone', kind: 'phone', invalid: 'rooms.phoneInvalid' }], t)
    expect(Object.keys(rules)).toEqual(['name', 'kind', 'region_code', 'phone'])
    expect(rules.name[0]).toMatchObject({ required: true, whitespace: true, trigger: 'blur' })
    expect(rules.kind[0]).toMatchObject({ required: true, whitespace: false, trigger: 'change' })
    expect((rules.region_code[0].message as () => string)()).toBe('«rooms.regionRequired»')
    const check = (v: string) => new Promise<Error | undefined>((done) => (rules.phone[0].validator as (r: unknown, v: string, cb: (e?: Error) => void) => void)({}, v, done))
    return Promise.all([check(''), check('0579-87654321'), check('12345')]).then(([empty, landline, bad]) => {
      expect(empty).toBeUndefined()
      expect(landline).toBeUndefined()
      expect(bad?.message).toBe('«rooms.phoneInvalid»')
    })
  })
})

// A mediator-like record: a grid fixed at creation, a sealed phone that can be removed, codes,
// a linked account and a state only a correction sets.
const MED: FieldSpec[] = [
  { name: 'grid_code', kind: 'region', label: 'grid', required: true, createOnly: { shown: 'grid_name', label: 'gridPicker' } },
  { name: 'type', kind: 'select', required: true, choices: ['judge', 'lawyer'] },
  { name: 'specialities', kind: 'tags', choices: ['marriage', 'other'], choiceLabels: 'mediators.categories' },
  { name: 'address', kind: 'text', required: true, sealed: true, compared: 'address' },
  { name: 'phone', kind: 'phone', sealed: true, clearable: 'mediators.clearPhone', compared: 'phone' },
  { name: 'head', kind: 'text', omitBlank: true },
  { name: 'user_id', kind: 'id', omitBlank: true, compared: 'user_display_name' },
  { name: 'active', kind: 'flag', editOnly: true },
]
const med = {
  id: 4, version: 1, grid_code: '330702001001001', grid_name: '一网格', type: 'judge', specialities: ['marriage'], address: '东城**号',
  phone: '139****0000', head: '', user_id: 12, user_display_name: '王法官', active: true,
}

describe('record fields on create and on edit', () => {
  it('a create-only field is neither shown as an input nor sent on edit; an edit-only one not on create', () => {
    expect(fieldsFor(MED, false).map((f) => f.name)).not.toContain('active')
    expect(fieldsFor(MED, true).map((f) => f.name)).not.toContain('grid_code')
  })

  it('fills codes as a copy of the record\'s list, an account by its number, a clear box unchecked', () => {
    const form = formOf(MED, med)
    expect(form).toMatchObject({ type: 'judge', specialities: ['marriage'], address: '', phone: '', clear_phone: false, user_id: 12, active: true })
    expect(form.specialities).not.toBe(med.specialities)
    expect(formOf(MED, null)).toMatchObject({ specialities: [], user_id: null, clear_phone: false })
  })

  it('a new record: blanks of omitBlank fields left out, the sealed value sent as typed', () => {
    const form = { ...formOf(MED, null), grid_code: 'g1', type: 'lawyer', address: ' 1号 ', head: '  ', specialities: ['other'] }
    expect(bodyOf(MED, form)).toEqual({ grid_code: 'g1', type: 'lawyer', specialities: ['other'], address: '1号' })
    expect(bodyOf(MED, { ...form, head: ' 张三 ', user_id: 7, clear_phone: true })).toMatchObject({ head: '张三', user_id: 7 })
    expect(bodyOf(MED, { ...form, clear_phone: true })).not.toHaveProperty('phone') // nothing to clear yet
  })

  it('a correction: blanks sent (they clear), the grid not, a sealed value kept unless typed or cleared', () => {
    const form = formOf(MED, med)
    expect(bodyOf(MED, { ...form, user_id: null }, true)).toEqual({ type: 'judge', specialities: ['marriage'], head: '', user_id: null, active: true })
    expect(bodyOf(MED, { ...form, clear_phone: true }, true).phone).toBeNull()
    expect(bodyOf(MED, { ...form, clear_phone: true, phone: ' 13800135678 ' }, true).phone).toBe('13800135678')
    expect(bodyOf(MED, { ...form, address: '西城1号' }, true).address).toBe('西城1号')
  })

  it('asks for a create-only or sealed field only of a new record', () => {
    const t = (k: string) => k
    expect(Object.keys(rulesOf('household', MED, t))).toEqual(['grid_code', 'type', 'address'])
    expect(Object.keys(rulesOf('household', MED, t, true))).toEqual(['type'])
    expect(rulesOf('household', MED, t).type[0]).toMatchObject({ whitespace: false, trigger: 'change' })
  })

  it('after a stale version compares what `compared` names, the codes by their names', () => {
    expect(compareOf('mediators', MED)).toEqual({
      type: 'mediators.type', specialities: 'mediators.specialities', address: 'mediators.address', phone: 'mediators.phone',
      head: 'mediators.head', user_display_name: 'mediators.user_id', active: 'mediators.active',
    })
    expect(valueLabelsOf('mediators', MED)).toEqual({ type: 'mediators.types', specialities: 'mediators.categories' })
  })
})

describe('record columns', () => {
  it('a tag of one type, or of the type the value asks for', () => {
    expect(tagOf({ prop: 'demonstration', kind: 'flag', tag: 'danger' }, true)).toBe('danger')
    expect(tagOf({ prop: 'level', kind: 'enum', tag: (l) => (l === 'city' ? 'danger' : 'success') }, 'city')).toBe('danger')
    expect(tagOf({ prop: 'level', kind: 'enum' }, 'town')).toBeUndefined()
  })
})

describe('a day field', () => {
  const DAYS: FieldSpec[] = [{ name: 'joined_at', kind: 'date', required: true }, { name: 'left_at', kind: 'date', editOnly: true }]
  it('fills the day of the record\'s time in Beijing, blank for none', () => {
    expect(formOf(DAYS, { joined_at: '2026-03-07T16:30:00Z', left_at: null })).toEqual({ joined_at: '2026-03-08', left_at: '' })
  })
  it('sends the day\'s midnight in Beijing, and null to clear it', () => {
    expect(bodyOf(DAYS, { joined_at: '2026-03-08', left_at: '' })).toEqual({ joined_at: '2026-03-08T00:00:00+08:00' })
    expect(bodyOf(DAYS, { joined_at: '2026-03-08', left_at: '' }, true)).toEqual({ joined_at: '2026-03-08T00:00:00+08:00', left_at: null })
  })
})
