// What a citizen reads about her request: the staff's case statuses (docs/design/cases.md) in
// plain words, and where the request stands on the usual road from 已登记 to 已办结.

/** Every status a help request can be in, each with its label key under `status.`. */
export const STATUS_KEYS: Record<string, string> = {
  registered: 'registered',
  accepted: 'accepted',
  rejected: 'rejected',
  // screening is internal work; for her, a mediator is being arranged
  screened: 'assigned',
  assigned: 'assigned',
  mediating: 'mediating',
  agreed: 'agreed',
  performing: 'performing',
  breached: 'breached',
  fulfilled: 'fulfilled',
  terminated: 'terminated',
  withdrawn: 'withdrawn',
  referred: 'referred',
  closed: 'closed',
}

/** The i18n key of a status' label; an unknown status reads "处理中". */
export const statusLabelKey = (status: string): string =>
  `status.${Object.hasOwn(STATUS_KEYS, status) ? STATUS_KEYS[status] : 'unknown'}`

/** The usual road, as steps shown to her. */
export const ROAD = ['registered', 'accepted', 'assigned', 'mediating', 'agreed', 'closed'] as const

const ROAD_POSITION: Record<string, number> = {
  registered: 0,
  accepted: 1,
  screened: 2,
  assigned: 2,
  mediating: 3,
  agreed: 4,
  performing: 4,
  breached: 4,
  fulfilled: 4,
  closed: 5,
}

/** Statuses that end the request off the usual road. */
const OFF_ROAD = new Set(['rejected', 'withdrawn', 'referred', 'terminated'])

export interface Timeline {
  /** index into ROAD of the step reached (−1 when the request left the road) */
  reached: number
  /** the request ended off the road: show its status instead of the remaining steps */
  ended: boolean
  /** something needs attention (agreement not performed) */
  warning: boolean
}

export function timelineOf(status: string): Timeline {
  if (OFF_ROAD.has(status)) return { reached: -1, ended: true, warning: false }
  return {
    reached: Object.hasOwn(ROAD_POSITION, status) ? ROAD_POSITION[status] : 0,
    ended: false,
    warning: status === 'breached',
  }
}

/** Tag colour for the status (Vant tag types). */
export function statusTone(status: string): 'primary' | 'success' | 'warning' | 'danger' | 'default' {
  if (status === 'closed' || status === 'fulfilled' || status === 'agreed') return 'success'
  if (status === 'breached') return 'warning'
  if (status === 'rejected' || status === 'terminated') return 'danger'
  if (status === 'withdrawn' || status === 'referred') return 'default'
  return 'primary'
}
