import { describe, it, expect } from 'vitest'
import { localMessage } from './messages'

describe('bilingual server messages', () => {
  const m = '身份证号码中的性别与填写的性别不一致 / the gender in the ID number differs from gender'
  it('shows the half of the user language', () => {
    expect(localMessage(m, 'zh-CN')).toBe('身份证号码中的性别与填写的性别不一致')
    expect(localMessage(m, 'en')).toBe('the gender in the ID number differs from gender')
  })
  it('keeps a slash inside a half', () => {
    const s = '请输入 户主 / 地址 之一 / enter a head name and/or address'
    expect(localMessage(s, 'zh-CN')).toBe('请输入 户主 / 地址 之一')
    expect(localMessage(s, 'en')).toBe('enter a head name and/or address')
  })
  it('leaves other messages alone', () => {
    expect(localMessage('HTTP 502', 'zh-CN')).toBe('HTTP 502')
    expect(localMessage('a / b', 'en')).toBe('a / b')
    expect(localMessage('只有中文', 'en')).toBe('只有中文')
  })
})
