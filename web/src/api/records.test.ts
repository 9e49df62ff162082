import { describe, it, expect, vi } from 'vitest'
import { recordPath, recordRoutes } from './records'

const calls = vi.hoisted(() => [] as unknown[][])
vi.mock('./client', () => ({
  api: {
    get: (...a: unknown[]) => calls.push(['GET', ...a]),
    post: (...a: unknown[]) => calls.push(['POST', ...a]),
    patch: (...a: unknown[]) => calls.push(['PATCH', ...a]),
  },
}))

describe('the routes of a record area', () => {
  it('list, read, add and correct one record', () => {
    const rooms = recordRoutes<{ id: number }>('/rooms')
    void rooms.list({ q: '东城', page: 2 })
    void rooms.get(7)
    void rooms.create({ name: '东城调解室' })
    void rooms.update('7', { name: '东城街道调解室', version: 3 })
    expect(calls).toEqual([
      ['GET', '/rooms', { q: '东城', page: 2 }],
      ['GET', '/rooms/7'],
      ['POST', '/rooms', { name: '东城调解室' }],
      ['PATCH', '/rooms/7', { name: '东城街道调解室', version: 3 }],
    ])
  })

  it('a record path escapes the id and takes a tail', () => {
    const region = recordPath('/regions')
    expect(region('33/07')).toBe('/regions/33%2F07')
    expect(region(5, '/retire')).toBe('/regions/5/retire')
  })
})
