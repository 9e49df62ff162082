import { describe, it, expect, vi } from 'vitest'
import { useReveal } from './useReveal'

const shown = vi.hoisted(() => vi.fn())
vi.mock('@/utils/ui', () => ({ showError: shown }))

const team = { id: 7, name: '东城格姐队', leader_phone: '138****5678' }
const noPhone = { id: 8, name: '西城队', leader_phone: null }

describe('useReveal', () => {
  it('shows the mask until the full value is asked for, then the full value', async () => {
    const fetch = vi.fn(async () => ({ leader_phone: '13800135678' }))
    const r = useReveal<typeof team>(fetch)
    expect(r.shown(team, 'leader_phone')).toBe('138****5678')
    expect(r.hidden(team, 'leader_phone')).toBe(true)
    await r.reveal(team)
    expect(fetch).toHaveBeenCalledWith(7)
    expect(r.shown(team, 'leader_phone')).toBe('13800135678')
    expect(r.hidden(team, 'leader_phone')).toBe(false)
  })

  it('offers nothing to reveal where there is no value', () => {
    const r = useReveal<{ id: number; leader_phone: string | null }>(vi.fn())
    expect(r.hidden(noPhone, 'leader_phone')).toBe(false)
    expect(r.shown(noPhone, 'leader_phone')).toBe('')
  })

  it('a refusal is shown and the mask stays', async () => {
    const refused = new Error('forbidden')
    const r = useReveal<typeof team>(() => Promise.reject(refused))
    await r.reveal(team)
    expect(shown).toHaveBeenCalledWith(refused)
    expect(r.shown(team, 'leader_phone')).toBe('138****5678')
  })
})
