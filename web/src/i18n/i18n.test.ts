import { describe, it, expect } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { messagesOf } from './index'

// A language's messages are its area files (locales/<lang>/<area>.json) merged.
function load(name: string): Record<string, unknown> {
  const dir = fileURLToPath(new URL(`./locales/${name}/`, import.meta.url))
  return Object.assign({}, ...readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(dir + f, 'utf8'))))
}

function keys(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`])
}

describe('translations', () => {
  const zh = keys(load('zh-CN'))
  const en = keys(load('en'))
  it('every zh-CN key exists in en', () => {
    expect(zh.filter((k) => !en.includes(k))).toEqual([])
  })
  it('every en key exists in zh-CN', () => {
    expect(en.filter((k) => !zh.includes(k))).toEqual([])
  })
  it('no message uses syntax the precompiler would misread', () => {
    for (const file of ['zh-CN', 'en']) {
      const flat = (o: Record<string, unknown>): string[] => Object.values(o).flatMap((v) => (typeof v === 'string' ? [v] : flat(v as Record<string, unknown>)))
      for (const m of flat(load(file))) expect(m, m).not.toMatch(/[@|$]/)
    }
  })
  it('both languages have the same area files, and no area redefines another one\'s key', () => {
    const files = (lang: string) => readdirSync(fileURLToPath(new URL(`./locales/${lang}/`, import.meta.url))).sort()
    expect(files('en')).toEqual(files('zh-CN'))
    expect(() => messagesOf('en', { './locales/en/a.json': { x: 'a' }, './locales/en/b.json': { x: 'b' } })).toThrow('"x"')
    expect(Object.keys(messagesOf('zh-CN', import.meta.glob('./locales/zh-CN/*.json', { eager: true, import: 'default' }))).length).toBeGreaterThan(20)
  })
})
