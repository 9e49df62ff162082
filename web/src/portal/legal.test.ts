import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { LEGAL_TOPICS, appendPage, clock, dayOf, legalQuery, openedAs, shortSize } from './legal'

// read as written (the i18n plugin turns an imported locale file into compiled messages)
const read = (path: string) => JSON.parse(readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8'))
const keys = (o: Record<string, unknown>, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]))

describe('the portal\'s legal column', () => {
  it('asks for one topic (or all) a page at a time', () => {
    expect(legalQuery('', 1)).toBe('page=1&page_size=10')
    expect(legalQuery('anti_fraud', 3)).toBe('topic=anti_fraud&page=3&page_size=10')
    expect(legalQuery('', 0, 5)).toBe('page=1&page_size=5')
  })

  it('opens a video or audio in the browser\'s player, an article as text, and says when a file is missing', () => {
    expect(openedAs({ kind: 'video', media_url: '/m', media_type: 'video/webm' })).toBe('video')
    expect(openedAs({ kind: 'audio', media_url: '/m', media_type: 'audio/mpeg' })).toBe('audio')
    expect(openedAs({ kind: 'audio', media_url: '/m', media_type: 'audio/mp4' })).toBe('audio')
    expect(openedAs({ kind: 'article', media_url: null, media_type: null })).toBe('article')
    expect(openedAs({ kind: 'video', media_url: null, media_type: null })).toBe('none')
  })

  it('writes sizes, lengths and days as a phone user reads them', () => {
    expect(shortSize(35664)).toBe('35 KB')
    expect(shortSize(300)).toBe('1 KB')
    expect(shortSize(12.5 * 1024 * 1024)).toBe('12.5 MB')
    expect(shortSize(0)).toBe('')
    expect(clock(185)).toBe('3:05')
    expect(clock(0)).toBe('')
    expect(dayOf('2026-11-28T21:30:00+08:00')).toBe('2026-11-28')
    expect(dayOf(null)).toBe('')
  })

  it('appends a page without showing an item twice', () => {
    expect(appendPage([{ id: 3 }, { id: 2 }], [{ id: 2 }, { id: 1 }]).map((x) => x.id)).toEqual([3, 2, 1])
  })

  it('names every topic in both languages, with the same keys in both', () => {
    const zh = read('./locales/legal/zh-CN.json')
    const en = read('./locales/legal/en.json')
    expect(keys(en)).toEqual(keys(zh))
    for (const code of LEGAL_TOPICS) {
      expect(zh.legal.topics[code], code).toBeTruthy()
      expect(en.legal.topics[code], code).toBeTruthy()
    }
    const values = (o: Record<string, unknown>): string[] => Object.values(o).flatMap((v) => (typeof v === 'string' ? [v] : values(v as Record<string, unknown>)))
    for (const m of [...values(zh), ...values(en)]) expect(m, m).not.toMatch(/[@|$]/)
    // the home page's tile is in the portal's own messages, in both languages
    for (const lang of ['zh-CN', 'en']) {
      const home = read(`./locales/${lang}.json`).home
      expect(home.legal && home.legalSub, lang).toBeTruthy()
    }
  })
})
