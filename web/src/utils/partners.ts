// What the partners page shows of a partner and its callbacks (the server decides; these only say
// what it said): the colour of a partner's kind, of a callback's status and of the ODR platform's
// case event, and which waiting status callbacks a failed one of their case holds back.
import type { OdrCallback } from '@/api/partners'

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

/** A partner's kind as a tag: the police blue, the ODR platform green, anything else grey. */
export function partnerKindType(kind: string | null | undefined): TagType {
  return kind === 'police' ? 'primary' : kind === 'odr_platform' ? 'success' : 'info'
}

/** A callback's status as a tag: waiting yellow, sent green, failed red. */
export function callbackStatusType(status: string | null | undefined): TagType {
  return status === 'pending' ? 'warning' : status === 'sent' ? 'success' : status === 'failed' ? 'danger' : 'info'
}

const EVENT_TYPES: Record<string, TagType> = { accepted: 'primary', rejected: 'warning', agreed: 'success', terminated: 'warning', closed: 'info' }

/** An ODR case event as a tag: accepted blue, agreed green, rejected or terminated yellow, closed grey. */
export function odrEventType(event: string | null | undefined): TagType {
  return (event && EVENT_TYPES[event]) || 'info'
}

/** The ids of the waiting callbacks held back by a failed one of the same case listed before them
 *  (made earlier: a smaller id). The platform's callbacks go out in order per case: a failed one
 *  holds back the later ones until an operator sends it again. */
export function heldBack(rows: readonly Pick<OdrCallback, 'id' | 'case_id' | 'status'>[]): Set<number> {
  const firstFailed = new Map<number, number>()
  for (const r of rows) {
    if (r.status !== 'failed') continue
    const seen = firstFailed.get(r.case_id)
    if (seen === undefined || r.id < seen) firstFailed.set(r.case_id, r.id)
  }
  const held = new Set<number>()
  for (const r of rows) {
    const failed = firstFailed.get(r.case_id)
    if (r.status === 'pending' && failed !== undefined && r.id > failed) held.add(r.id)
  }
  return held
}
