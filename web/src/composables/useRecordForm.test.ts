import { describe, it, expect } from 'vitest'
import { useRecordForm } from './useRecordForm'

interface Room { id: number; version: number; name: string; hours: string; tags: string[] }
const pick = (r: Room | null) => ({ name: r?.name ?? '', hours: r?.hours ?? '', tags: [...(r?.tags ?? [])] })

describe('useRecordForm', () => {
  it('fills the form from the record, or blank', () => {
    const rf = useRecordForm(pick)
    rf.open({ id: 1, version: 2, name: '东城调解室', hours: '8:30', tags: ['a'] })
    expect(rf.form).toEqual({ name: '东城调解室', hours: '8:30', tags: ['a'] })
    rf.open(null)
    expect(rf.form).toEqual({ name: '', hours: '', tags: [] })
    expect(rf.base.value).toBeNull()
  })

  it('after a stale version keeps what the user changed and takes the rest from the current record', () => {
    const rf = useRecordForm(pick)
    rf.open({ id: 1, version: 2, name: 'A', hours: '8:30', tags: ['a'] })
    rf.form.name = 'mine'
    const current = { id: 1, version: 3, name: 'theirs', hours: '9:00', tags: ['a', 'b'] }
    rf.rebase(current)
    expect(rf.form).toEqual({ name: 'mine', hours: '9:00', tags: ['a', 'b'] })
    expect(rf.base.value?.version).toBe(3)
    rf.rebase(null)
    expect(rf.base.value?.version).toBe(3)
  })
})
