// The desk's rules the console shows (stores/desk.ts, views/HomeView.vue): what counts as to do,
// and how often to ask again. Pure functions, tested in desk.test.ts.
import type { DeskCounts } from '@/api/desk'

/** What waits for someone: new requests, cases past a limit or marked, unanswered consultations. */
export function deskTodo(c: DeskCounts | null | undefined): number {
  if (!c) return 0
  return c.new_requests + c.attention + c.consultations
}

/** Ask again at most this often when pages change (ms); a live alert always asks at once. */
export const DESK_MIN_GAP_MS = 5_000
/** And every minute while the page is visible. */
export const DESK_POLL_MS = 60_000

/** Whether a refresh asked at `now` should go, the last one having gone at `last`. */
export function deskRefreshDue(now: number, last: number | null, force: boolean): boolean {
  return force || last === null || now - last >= DESK_MIN_GAP_MS
}

/** The list page a desk count opens, as router query parameters. */
export function deskListQuery(kind: 'new_requests' | 'urgent' | 'my_cases' | 'attention'): Record<string, string> {
  switch (kind) {
    case 'new_requests':
      return { status: 'registered' }
    case 'urgent':
      return { status: 'registered', urgent: '1' }
    case 'my_cases':
      return { assigned_to_me: '1' }
    case 'attention':
      return { attention: '1' }
  }
}
