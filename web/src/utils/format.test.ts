import { describe, it, expect } from 'vitest'
import { formatDateTime, formatDate, describeUserAgent, groupSecret } from './format'

describe('dates', () => {
  it('shows Beijing time as 2026-11-28 21:30', () => {
    for (const at of ['2026-11-28T21:30:00+08:00', '2026-11-28T13:30:00Z']) expect(formatDateTime(at), at).toBe('2026-11-28 21:30')
    expect(formatDateTime(null)).toBe('—')
    expect(formatDate('2026-11-28')).toBe('2026-11-28')
  })
})

describe('user agents', () => {
  it('names the browser and system', () => {
    const seen: [string, string][] = [
      ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36', 'Headless Chrome 156 · Linux'],
      ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', 'Edge 131 · Windows'],
      ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1', 'Safari 17 · iOS'],
      ['curl/7.88.1', 'curl 7.88.1'],
      ['', '—'],
      ['something else', 'something else'],
    ]
    for (const [agent, shown] of seen) expect(describeUserAgent(agent)).toBe(shown)
  })
})

describe('TOTP secret', () => {
  it('groups by four', () => {
    expect(groupSecret('D55JBEVK3GOW7DXD')).toBe('D55J BEVK 3GOW 7DXD')
  })
})
