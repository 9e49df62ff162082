import { describe, it, expect } from 'vitest'
import { bodyOf, compareOf, formOf, recordFields, rulesOf, tagOf, valueLabelsOf, withLimits } from './record'

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

describe('record columns', () => {
  it('a tag of one type, or of the type the value asks for', () => {
    expect(tagOf({ prop: 'demonstration', kind: 'flag', tag: 'danger' }, true)).toBe('danger')
    expect(tagOf({ prop: 'level', kind: 'enum', tag: (l) => (l === 'city' ? 'danger' : 'success') }, 'city')).toBe('danger')
    expect(tagOf({ prop: 'level', kind: 'enum' }, 'town')).toBeUndefined()
  })
})

