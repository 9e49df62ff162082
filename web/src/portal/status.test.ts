import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ROAD, STATUS_KEYS, statusLabelKey, statusTone, timelineOf } from './status'

type Tree = { [k: string]: string | Tree }
const load = (name: string): Tree =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`./locales/${name}.json`, import.meta.url)), 'utf8'))
const lookup = (tree: Tree, key: string): string | undefined => {
  let node: string | Tree | undefined = tree
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined
  return typeof node === 'string' ? node : undefined
}

describe('status words a citizen reads', () => {
  const zh = load('zh-CN')
  const en = load('en')
  const expected: Record<string, string> = {
    registered: '已登记',
    accepted: '已受理',
    rejected: '未受理',
    screened: '已安排调解员',
    assigned: '已安排调解员',
    mediating: '调解中',
    agreed: '已达成协议',
    performing: '协议履行中',
    breached: '协议未履行',
    fulfilled: '已履行',
    terminated: '调解终止',
    withdrawn: '已撤回',
    referred: '已转介',
    closed: '已办结',
  }
  it('every case status reads in plain Chinese words', () => {
    for (const [status, words] of Object.entries(expected)) expect(lookup(zh, statusLabelKey(status)), status).toBe(words)
    expect(Object.keys(STATUS_KEYS).sort()).toEqual(Object.keys(expected).sort())
  })
  it('every case status has English words too, and screening is not shown as its own step', () => {
    for (const status of Object.keys(expected)) expect(lookup(en, statusLabelKey(status)), status).toMatch(/^[A-Z][a-z ]+$/)
    expect(lookup(en, statusLabelKey('screened'))).toBe('Mediator arranged')
    expect(lookup(en, statusLabelKey('mediating'))).toBe('In mediation')
  })
  it('an unknown status reads "in progress" instead of a code', () => {
    expect(statusLabelKey('night_review')).toBe('status.unknown')
    expect(statusLabelKey('toString')).toBe('status.unknown')
    expect(lookup(zh, 'status.unknown')).toBe('处理中')
  })
  it('the timeline marks how far the request came on the usual road', () => {
    expect(ROAD[timelineOf('registered').reached]).toBe('registered')
    expect(ROAD[timelineOf('screened').reached]).toBe('assigned')
    expect(ROAD[timelineOf('performing').reached]).toBe('agreed')
    expect(ROAD[timelineOf('closed').reached]).toBe('closed')
    expect(timelineOf('breached')).toEqual({ reached: 4, ended: false, warning: true })
  })
  it('a request that left the road is shown as ended', () => {
    for (const s of ['rejected', 'withdrawn', 'referred', 'terminated']) expect(timelineOf(s).ended, s).toBe(true)
    expect(timelineOf('mediating').ended).toBe(false)
  })
  it('colours good outcomes green and troubles red or orange', () => {
    const tones = { closed: 'success', breached: 'warning', rejected: 'danger', mediating: 'primary' }
    for (const [status, tone] of Object.entries(tones)) expect(statusTone(status), status).toBe(tone)
  })
})

describe('portal translations', () => {
  const keys = (o: Tree, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
  const zh = keys(load('zh-CN'))
  const en = keys(load('en'))
  it('zh-CN and en have the same keys', () => {
    expect(zh.filter((k) => !en.includes(k))).toEqual([])
    expect(en.filter((k) => !zh.includes(k))).toEqual([])
  })
  it('no message uses syntax the precompiler would misread', () => {
    for (const tree of [load('zh-CN'), load('en')])
      for (const k of keys(tree)) expect(lookup(tree, k), k).not.toMatch(/[@|$]/)
  })
  it('the quick-exit page says nothing about the portal', () => {
    for (const tree of [load('zh-CN'), load('en')]) {
      const words = keys(tree).filter((k) => k.startsWith('weather.')).map((k) => lookup(tree, k)).join(' ')
      expect(words).not.toMatch(/维权|妇联|求助|调解|\bhelp\b|\brights\b|federation|mediation/i)
    }
  })
})
