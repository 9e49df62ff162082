// The rules the volunteer pages compute by themselves: hours typed and minutes sent, a day picked
// and the ISO time sent, the coverage page's tiles, and the import dialog's steps.
import type { Coverage, ImportAnswer, ImportProblem, ServiceRecord } from '@/api/volunteers'
import { SERVICE_MINUTES_MAX } from '@/api/volunteers'

/** Hours as typed (1.5) → whole minutes sent (90); null when not a service's length (0, more
 *  than a day, not a number). */
export function hoursToMinutes(hours: number | string | null | undefined): number | null {
  const h = typeof hours === 'string' ? Number(hours.trim()) : hours
  if (h === null || h === undefined || !Number.isFinite(h)) return null
  const m = Math.round(h * 60)
  return m >= 1 && m <= SERVICE_MINUTES_MAX ? m : null
}

/** Minutes → hours shown, to two decimals at most (90 → 1.5, 20 → 0.33). */
export function minutesToHours(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100
}

/** Her hours over the records given (the retired ones not counted). */
export function totalHours(records: readonly Pick<ServiceRecord, 'minutes' | 'retired'>[]): number {
  return minutesToHours(records.reduce((sum, r) => sum + (r.retired ? 0 : r.minutes), 0))
}

export interface Tile { key: 'grids' | 'covered' | 'uncovered' | 'sisters' | 'open_tasks'; value: number; hot: boolean }

/** The coverage page's tiles; uncovered and open tasks are "hot" (red) when any. */
export function coverageTiles(c: Coverage | null): Tile[] {
  const uncovered = c ? Math.max(0, c.grids - c.covered) : 0
  return [
    { key: 'grids', value: c?.grids ?? 0, hot: false },
    { key: 'covered', value: c?.covered ?? 0, hot: false },
    { key: 'uncovered', value: uncovered, hot: uncovered > 0 },
    { key: 'sisters', value: c?.sisters ?? 0, hot: false },
    { key: 'open_tasks', value: c?.open_tasks ?? 0, hot: (c?.open_tasks ?? 0) > 0 },
  ]
}

/** The share of covered grids in percent (100 when there are no grids). */
export function coveredPercent(c: Coverage | null): number {
  if (!c || c.grids <= 0) return 100
  return Math.floor((c.covered / c.grids) * 100)
}

// ---- the import dialog's steps ----

/** idle: no file; chosen: a file, not checked; uploading / reading: a request under way (the file
 *  being sent, then the server working); checked: the dry run's answer; done: stored; failed: a
 *  refusal that lists no rows. `dryRun` says which request a busy step belongs to. */
export type ImportStep = 'idle' | 'chosen' | 'uploading' | 'reading' | 'checked' | 'done' | 'failed'

export interface ImportState {
  step: ImportStep
  fileName: string
  dryRun: boolean
  /** 0..100 while uploading */
  percent: number
  answer: ImportAnswer | null
  problems: ImportProblem[]
  error: string
}

export const blankImport = (): ImportState => ({ step: 'idle', fileName: '', dryRun: true, percent: 0, answer: null, problems: [], error: '' })

export type ImportEvent =
  | { type: 'choose'; name: string }
  | { type: 'fail'; message: string }
  | { type: 'send'; dryRun: boolean }
  | { type: 'progress'; fraction: number }
  | { type: 'answer'; answer: ImportAnswer }
  | { type: 'refused'; problems: ImportProblem[] | null; message: string }
  | { type: 'reset' }

/** The next state of the import dialog. */
export function importStep(s: ImportState, e: ImportEvent): ImportState {
  switch (e.type) {
    case 'reset':
      return blankImport()
    case 'choose':
      return { ...blankImport(), step: 'chosen', fileName: e.name }
    case 'fail':
      return { ...blankImport(), step: 'failed', error: e.message }
    case 'send':
      return { ...s, step: 'uploading', dryRun: e.dryRun, percent: 0, problems: [], error: '' }
    case 'progress':
      if (s.step !== 'uploading') return s
      // the whole file sent: the server reads and checks it (no measure of that: indeterminate)
      return e.fraction >= 1 ? { ...s, step: 'reading', percent: 100 } : { ...s, percent: Math.max(0, Math.floor(e.fraction * 100)) }
    case 'answer': {
      const problems = e.answer.errors ?? []
      const stored = !e.answer.dry_run && problems.length === 0
      return { ...s, step: stored ? 'done' : 'checked', answer: e.answer, problems, percent: 100 }
    }
    case 'refused':
      return e.problems?.length
        ? { ...s, step: 'checked', problems: e.problems, answer: null, percent: 100 }
        : { ...s, step: 'failed', error: e.message, percent: 0 }
  }
}

/** Whether the file may be stored now: checked by a dry run with rows and no problems. */
export const canImport = (s: ImportState) => s.step === 'checked' && s.dryRun && !!s.answer && s.answer.rows > 0 && s.problems.length === 0
/** Whether a request is under way. */
export const importBusy = (s: ImportState) => s.step === 'uploading' || s.step === 'reading'

// ---- a grid sister's grids ----

/** The setting's default (src/domain/volunteer.hpp), until the settings are read. */
export const DEFAULT_MAX_GRIDS = 3

/** Her grids with one more (not twice), in the order picked. */
export function addGrid<G extends { code: string }>(grids: readonly G[], g: G): G[] {
  return grids.some((x) => x.code === g.code) ? [...grids] : [...grids, g]
}

/** Whether a replacement task is past its limit: as the server says, else open and due before
 *  `now` (a closed task is not overdue). */
export function taskOverdue(task: { due_at: string; closed_at?: string | null; overdue?: boolean }, now = Date.now()): boolean {
  if (typeof task.overdue === 'boolean') return task.overdue
  return !task.closed_at && Date.parse(task.due_at) < now
}
