import { describe, it, expect } from 'vitest'
import type { Coverage, ImportAnswer } from '@/api/volunteers'
import { dayToIso, isoToDay } from './format'
import {
  addGrid, blankImport, canImport, coveredPercent, coverageTiles, hoursToMinutes, importBusy, importStep, minutesToHours, taskOverdue, totalHours,
  type ImportEvent, type ImportState,
} from './volunteers'

describe('service hours', () => {
  it('are typed in hours and sent as whole minutes, within a day', () => {
    expect(hoursToMinutes(1.5)).toBe(90)
    expect(hoursToMinutes('2')).toBe(120)
    expect(hoursToMinutes(0.33)).toBe(20)
    expect(hoursToMinutes(24)).toBe(1440)
    expect(hoursToMinutes(0)).toBeNull()
    expect(hoursToMinutes(0.001)).toBeNull()
    expect(hoursToMinutes(24.1)).toBeNull()
    expect(hoursToMinutes('abc')).toBeNull()
    expect(hoursToMinutes(null)).toBeNull()
  })
  it('are shown from minutes, and summed over her records but the retired ones', () => {
    expect(minutesToHours(90)).toBe(1.5)
    expect(minutesToHours(20)).toBe(0.33)
    expect(totalHours([{ minutes: 90, retired: false }, { minutes: 45, retired: false }, { minutes: 600, retired: true }])).toBe(2.25)
    expect(totalHours([])).toBe(0)
  })
})

describe('days', () => {
  it('a day picked is sent as its midnight in Beijing, and read back as that day', () => {
    expect(dayToIso('2026-03-08')).toBe('2026-03-08T00:00:00+08:00')
    expect(dayToIso('')).toBeNull()
    expect(isoToDay('2026-03-08T00:00:00+08:00')).toBe('2026-03-08')
    expect(isoToDay('2026-03-07T16:30:00Z')).toBe('2026-03-08')
    expect(isoToDay(null)).toBe('')
  })
})

const coverage = (over: Partial<Coverage> = {}): Coverage => ({
  grids: 40, covered: 36, sisters: 30, open_tasks: 2, max_grids_per_sister: 3, uncovered: [], overloaded: [], ...over,
})

describe('the coverage tiles', () => {
  it('count grids, covered, uncovered, sisters and open tasks; the missing ones in red', () => {
    expect(coverageTiles(coverage())).toEqual([
      { key: 'grids', value: 40, hot: false },
      { key: 'covered', value: 36, hot: false },
      { key: 'uncovered', value: 4, hot: true },
      { key: 'sisters', value: 30, hot: false },
      { key: 'open_tasks', value: 2, hot: true },
    ])
    const all = coverageTiles(coverage({ covered: 40, open_tasks: 0 }))
    expect(all.filter((x) => x.hot)).toEqual([])
    expect(coverageTiles(null).map((x) => x.value)).toEqual([0, 0, 0, 0, 0])
  })
  it('give the share covered, rounded down (100 with no grids)', () => {
    expect(coveredPercent(coverage())).toBe(90)
    expect(coveredPercent(coverage({ grids: 3, covered: 2 }))).toBe(66)
    expect(coveredPercent(coverage({ grids: 0, covered: 0 }))).toBe(100)
  })
  it('a replacement task is overdue as the server says, else when open past its limit', () => {
    const now = Date.parse('2026-12-04T10:00:00+08:00')
    expect(taskOverdue({ due_at: '2026-12-01T00:00:00+08:00', closed_at: null }, now)).toBe(true)
    expect(taskOverdue({ due_at: '2026-12-01T00:00:00+08:00', closed_at: '2026-11-30T09:00:00+08:00' }, now)).toBe(false)
    expect(taskOverdue({ due_at: '2026-12-10T00:00:00+08:00', closed_at: null }, now)).toBe(false)
    expect(taskOverdue({ due_at: '2026-12-10T00:00:00+08:00', overdue: true }, now)).toBe(true)
  })
})

describe('her grids', () => {
  it('take one more once, in the order picked', () => {
    const a = { code: 'g1' }, b = { code: 'g2' }
    expect(addGrid([a], b)).toEqual([a, b])
    expect(addGrid([a, b], { code: 'g1' })).toEqual([a, b])
  })
})

const run = (events: ImportEvent[], from: ImportState = blankImport()) => events.reduce(importStep, from)
const answer = (over: Partial<ImportAnswer> = {}): ImportAnswer => ({ dry_run: true, rows: 12, created: 0, errors: [], ...over })

describe('the import dialog', () => {
  it('chooses, checks (upload progress, then the server reading), and may import a clean file', () => {
    let s = run([{ type: 'choose', name: '志愿者.xlsx' }])
    expect([s.step, s.fileName, canImport(s)]).toEqual(['chosen', '志愿者.xlsx', false])
    s = run([{ type: 'send', dryRun: true }, { type: 'progress', fraction: 0.426 }], s)
    expect([s.step, s.percent, importBusy(s)]).toEqual(['uploading', 42, true])
    s = importStep(s, { type: 'progress', fraction: 1 })
    expect([s.step, importBusy(s)]).toEqual(['reading', true])
    s = importStep(s, { type: 'answer', answer: answer() })
    expect([s.step, canImport(s), importBusy(s)]).toEqual(['checked', true, false])
    s = run([{ type: 'send', dryRun: false }, { type: 'progress', fraction: 1 }, { type: 'answer', answer: answer({ dry_run: false, created: 12 }) }], s)
    expect([s.step, s.answer?.created]).toEqual(['done', 12])
  })
  it('lists the problems of a checked file by row and column, and imports nothing then', () => {
    const problems = [{ row: 3, column: 'C', field: 'phone', message: '手机号无效' }]
    let s = run([{ type: 'choose', name: 'a.xlsx' }, { type: 'send', dryRun: true }, { type: 'answer', answer: answer({ errors: problems }) }])
    expect([s.step, s.problems, canImport(s)]).toEqual(['checked', problems, false])
    s = run([{ type: 'choose', name: 'a.xlsx' }, { type: 'send', dryRun: true }, { type: 'refused', problems, message: '表格有误' }])
    expect([s.step, s.problems, canImport(s)]).toEqual(['checked', problems, false])
  })
  it('an empty file cannot be imported; a refusal without rows is an error; a new file starts over', () => {
    let s = run([{ type: 'choose', name: 'a.xlsx' }, { type: 'send', dryRun: true }, { type: 'answer', answer: answer({ rows: 0 }) }])
    expect([s.step, canImport(s)]).toEqual(['checked', false])
    s = run([{ type: 'send', dryRun: true }, { type: 'refused', problems: null, message: '文件过大' }], s)
    expect([s.step, s.error, importBusy(s)]).toEqual(['failed', '文件过大', false])
    s = importStep(s, { type: 'choose', name: 'b.xlsx' })
    expect([s.step, s.error, s.problems, s.fileName]).toEqual(['chosen', '', [], 'b.xlsx'])
    expect(importStep(s, { type: 'progress', fraction: 0.5 })).toBe(s) // not sending: ignored
    expect(run([{ type: 'fail', message: '文件过大' }]).step).toBe('failed')
  })
})
