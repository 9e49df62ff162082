import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

function load(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`./locales/${name}.json`, import.meta.url)), 'utf8'))
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
})
