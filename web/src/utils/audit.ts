// The audit log in the user's language: what the server records (entity → actions, kept complete
// by audit.test.ts, which reads the C++ sources), and its `key=value;key=value` detail strings
// parsed and named. Anything this file does not know is shown as the server wrote it.

/** Every entity the server audits and, per entity, every action it records for it. */
export const AUDIT_CATALOGUE = {
  case: [
    'create', 'read', 'update', 'export', 'transition', 'assign', 'reroute', 'escalate', 'clear_supervision',
    'add_event', 'add_party', 'protection', 'schedule_session', 'update_session',
    'agreement_draft', 'agreement_update', 'agreement_submit', 'agreement_sign', 'agreement_code', 'agreement_confirm',
    'agreement_effective', 'agreement_judicial', 'obligation_add', 'payment_add', 'payment_reminder', 'arrears_cleared',
    'follow_up_schedule', 'follow_up_done', 'night_reminder', 'night_escalated', 'urgent_alert', 'find_tracking', 'reply',
    'read_standing',
  ],
  case_party: ['read_sensitive'],
  attachment: ['create', 'read'],
  consultation: ['create', 'read', 'answer', 'convert', 'supervise'],
  person: ['create', 'update', 'read_sensitive', 'search_sensitive'],
  household: ['create', 'update', 'reveal_address'],
  region: ['create', 'update', 'retire', 'import'],
  mediator: ['create', 'update'],
  room: ['create', 'update', 'retire'],
  duty_shift: ['create', 'end', 'delete'],
  team: ['create', 'update', 'retire', 'read_sensitive'],
  volunteer: ['create', 'update', 'retire', 'read_sensitive', 'import', 'export', 'assign_grids', 'release_grids'],
  volunteer_settings: ['update'],
  volunteer_service: ['create', 'update', 'retire', 'read_sensitive'],
  key_family: ['create', 'assess', 'read_sensitive', 'request_change', 'approve_change', 'reject_change', 'contact', 'supervise'],
  household_plan: ['create', 'update', 'submit', 'countersign', 'return', 'review', 'update_measure', 'read_sensitive'],
  incident: ['create', 'import', 'update', 'retire', 'read_sensitive', 'place', 'push_step', 'make_case', 'read_feedback', 'push_reminder', 'supervise'],
  partner: ['create', 'update', 'rotate_key'],
  partner_callback: ['retry'],
  odr_callback: ['retry'],
  saved_filter: ['create', 'delete'],
  session: ['sign_in', 'sign_out', 'revoke'],
  user: ['create', 'update', 'lock', 'unlock', 'reset_password', 'change_password', 'totp_setup', 'totp_enable'],
  security_settings: ['update'],
  case_settings: ['update'],
  incident_settings: ['update'],
  route: ['access'],
  audit: ['search', 'verify'],
  sms_outbox: ['read_sensitive'],
  demo_data: ['load'],
  visit: ['create', 'update', 'retire', 'read_sensitive', 'batch', 'referral_answer'],
  visit_settings: ['update'],
  training: ['create', 'update', 'retire', 'read_sensitive', 'attendance'],
  hotline_call: ['create', 'update', 'retire', 'read_sensitive', 'make_case', 'called_back'],
  legal_content: ['create', 'update', 'retire', 'read_sensitive', 'submit', 'return', 'publish', 'withdraw', 'media', 'poster'],
  legal_campaign: ['create', 'update', 'retire', 'read_sensitive'],
  legal_brand: ['create', 'update', 'retire', 'read_sensitive'],
  legal_event: ['create', 'update', 'retire', 'read_sensitive', 'photo_add', 'photo_delete'],
  cockpit_report: ['export'],
} as const satisfies Record<string, readonly string[]>

/** Listed before the server records them (being written at the same time): the audit test does
 *  not count them as stale while the server's sources lack them. Empty this once they are there. */
export const AWAITING_SERVER: readonly string[] = []

/** Recorded through the record kit's Change (api/record_kit.hpp) with the action its caller names,
 *  which the audit test's reader of the server's sources cannot follow. */
export const THROUGH_KIT_CHANGE: readonly string[] = [
  'visit.referral_answer', 'training.attendance', 'hotline_call.called_back',
  'legal_content.submit', 'legal_content.return', 'legal_content.publish', 'legal_content.withdraw', 'legal_content.media', 'legal_content.poster',
]

export type AuditEntity = keyof typeof AUDIT_CATALOGUE
export const AUDIT_ENTITIES = Object.keys(AUDIT_CATALOGUE) as AuditEntity[]
/** Every action once, in catalogue order. */
export const AUDIT_ACTIONS: string[] = [...new Set(Object.values(AUDIT_CATALOGUE).flat())]

/** The actions of an entity (all of them for no entity or one the catalogue does not know). */
export function actionsOf(entity: string | null | undefined): string[] {
  const own = entity ? (AUDIT_CATALOGUE as Record<string, readonly string[]>)[entity.trim()] : undefined
  return own ? [...own] : AUDIT_ACTIONS
}

/** A message by key, or undefined when the locale has none (then the raw text is shown). */
export type Lookup = (key: string) => string | undefined

/** One `key=value` of a detail; a bare word (`integrity`, `events`) has no key. */
export interface DetailPart {
  key: string | null
  value: string
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * The detail string as parts: split at `;`; a part with `=` is key and value (the value keeps
 * any further `=`), one without is a bare word. A few writers join with `,` instead
 * (`role=mediator,region=330784`): a `,name=` inside a value starts another part. The region
 * move's `moved from A to B` becomes moved_from and moved_to.
 */
export function parseDetail(detail: unknown): DetailPart[] {
  if (detail == null || detail === '') return []
  const text = typeof detail === 'string' ? detail : JSON.stringify(detail)
  const out: DetailPart[] = []
  for (const raw of text.split(';')) {
    const segment = raw.trim()
    if (!segment) continue
    const moved = /^moved from (\S+) to (\S+)$/.exec(segment)
    if (moved) {
      out.push({ key: 'moved_from', value: moved[1] }, { key: 'moved_to', value: moved[2] })
      continue
    }
    const eq = segment.indexOf('=')
    const key = eq > 0 ? segment.slice(0, eq) : ''
    if (!KEY.test(key)) {
      out.push({ key: null, value: segment })
      continue
    }
    // `a=x,b=y`: each `,name=` starts a part of its own
    const pieces = segment.split(/,(?=[A-Za-z_][A-Za-z0-9_]*=)/)
    for (const piece of pieces) {
      const i = piece.indexOf('=')
      out.push({ key: piece.slice(0, i), value: piece.slice(i + 1) })
    }
  }
  return out
}

/** A key named differently for one action (`from` of a transition is a status, of a search a date). */
const KEY_NAMES: Record<string, string> = {
  'transition.action': 'caseAction',
  'transition.from': 'fromStatus',
  'transition.to': 'toStatus',
  'search.from': 'fromDate',
  'search.to': 'toDate',
  'reroute.to': 'toLevel',
  'agreement_code.sms': 'smsId',
  'create.shown': 'shown_matches',
}

/** Where a key's coded values are named, tried in order (`<action>.<key>` before `<key>`). */
const VALUE_SOURCES: Record<string, string[]> = {
  'transition.action': ['cases.action'],
  'transition.from': ['cases.status'],
  'transition.to': ['cases.status'],
  'transition.auto': ['audit.auto'],
  'reroute.to': ['cases.level'],
  'search.entity': ['audit.entities'],
  'search.action': ['audit.actions'],
  'search.result': ['audit.results'],
  'update_session.status': ['cases.sessionStatus'],
  'agreement_judicial.result': ['agreement.judicial.results'],
  'search_sensitive.by': ['audit.fields'],
  'assign.by': ['audit.assignedBy'],
  'night_reminder.sms': ['audit.yesNo'],
  'night_escalated.sms': ['audit.yesNo'],
  'export.q': ['audit.values'],
  'push_step.stage': ['incidents.stages'],
  'push_reminder.sms': ['audit.yesNo'],
  'supervise.sms': ['audit.yesNo'],
  // a legal-education item's review (submit and return are a household plan's too)
  'submit.status': ['legal.statuses', 'plans.statuses', 'cases.status'],
  'return.status': ['legal.statuses', 'plans.statuses', 'cases.status'],
  'publish.status': ['legal.statuses'],
  'withdraw.status': ['legal.statuses'],
  recipient: ['incidents.recipients'],
  mark: ['incidents.marks'],
  source: ['incidents.sources'],
  reason: ['audit.flags'],
  status: ['cases.status'],
  role: ['roles'],
  channel: ['cases.channel'],
  level: ['cases.level'],
  limit: ['cases.missed'],
  supervision: ['cases.supervision'],
  previous: ['cases.supervision'],
  category: ['cases.category'],
  kind: ['cases.eventKind'],
  form: ['agreement.form'],
  method: ['agreement.confirm.method'],
  schedule: ['agreement.obligation.schedules'],
  fields: ['audit.fields', 'cases.field', 'cases.settings.field', 'incidents', 'partners'],
  changed: ['audit.fields', 'cases.field'],
  staff_totp_required: ['audit.values'],
  contact: ['audit.values'],
  user: ['audit.values'],
  overdue: ['audit.yesNo'],
  night_clinic: ['audit.yesNo'],
  assigned_to_me: ['audit.yesNo'],
}

/** Where bare words are named: the audit's own words, then the sign-in outcomes. */
const WORD_SOURCES = ['audit.flags', 'account.signInResult']

export interface AuditRow {
  entity?: string | null
  action?: string | null
  detail?: unknown
}

export interface ShownPart {
  /** the key in the user's language, null for a bare word */
  key: string | null
  value: string
}

function named(lookup: Lookup, sources: string[], code: string): string {
  for (const s of sources) {
    const m = lookup(`${s}.${code}`)
    if (m !== undefined) return m
  }
  return code
}

/** A phone number or ID number that should never be there is masked all the same. */
export function maskSensitive(text: string): string {
  return text
    .replace(/(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])/g, (s) => `${s.slice(0, 6)}********${s.slice(-4)}`)
    .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (s) => `${s.slice(0, 3)}****${s.slice(-4)}`)
}

/** The detail's parts named in the user's language (`lang` picks the list separator). */
export function describeDetail(row: AuditRow, lookup: Lookup, lang = 'zh-CN'): ShownPart[] {
  const action = row.action ?? ''
  const list = lang.startsWith('zh') ? '、' : ', '
  return parseDetail(row.detail).map((p) => {
    if (p.key === null) {
      const words = p.value.includes(' ') ? [p.value] : p.value.split(',')
      return { key: null, value: maskSensitive(words.map((w) => named(lookup, WORD_SOURCES, w)).join(list)) }
    }
    const keyName = KEY_NAMES[`${action}.${p.key}`] ?? p.key
    const key = lookup(`audit.keys.${keyName}`) ?? p.key
    const sources = VALUE_SOURCES[`${action}.${p.key}`] ?? VALUE_SOURCES[p.key]
    let value = p.value
    if (sources && value) {
      value = value
        .split(',')
        .map((item) => item.split('->').map((code) => named(lookup, sources, code)).join(' → '))
        .join(list)
    } else if (value.includes('->')) {
      value = value.split('->').join(' → ')
    }
    return { key, value: maskSensitive(value === '' ? '—' : value) }
  })
}

/** The whole detail as one line ("动作：受理；原状态：已登记；…"), or — when there is none. */
export function detailText(row: AuditRow, lookup: Lookup, lang = 'zh-CN'): string {
  const parts = describeDetail(row, lookup, lang)
  if (!parts.length) return '—'
  const zh = lang.startsWith('zh')
  return parts.map((p) => (p.key === null ? p.value : `${p.key}${zh ? '：' : ': '}${p.value}`)).join(zh ? '；' : '; ')
}

/** The entity in the user's language, else as recorded. */
export function entityText(entity: string | null | undefined, lookup: Lookup): string {
  return entity ? lookup(`audit.entities.${entity}`) ?? entity : '—'
}

/** The action in the user's language; a case's status change names its move ("状态变更 · 受理"). */
export function actionText(row: AuditRow, lookup: Lookup): string {
  const action = row.action
  if (!action) return '—'
  const base = lookup(`audit.actions.${action}`) ?? action
  if (row.entity === 'case' && action === 'transition') {
    const move = parseDetail(row.detail).find((p) => p.key === 'action')?.value
    if (move) return `${base} · ${named(lookup, ['cases.action'], move)}`
  }
  return base
}

export interface AuditActor {
  actor_login?: string | null
  actor_role?: string | null
}

/** Who acted: a staff login as it is; the scheduled jobs, the command line and the public portal
 *  (no role, or the role `system`) by name. */
export function actorText(row: AuditActor, lookup: Lookup): string {
  const login = row.actor_login ?? ''
  const role = row.actor_role ?? ''
  if (role === 'system' && login === 'system') return lookup('audit.actors.system') ?? login
  if (!role && login === 'cli') return lookup('audit.actors.cli') ?? login
  if (!role && !login) return lookup('audit.actors.portal') ?? '—'
  return login || '—'
}

/** The actor's role by name: a staff role, or 系统 for the scheduled jobs; — for none. */
export function roleText(role: string | null | undefined, lookup: Lookup): string {
  if (!role) return '—'
  return lookup(`roles.${role}`) ?? lookup(`audit.actors.${role}`) ?? role
}

/** A lookup on nested messages (a locale's merged JSON): for tests and tools. */
export function lookupIn(messages: Record<string, unknown>): Lookup {
  return (key) => {
    let at: unknown = messages
    for (const k of key.split('.')) {
      if (!at || typeof at !== 'object' || !(k in (at as Record<string, unknown>))) return undefined
      at = (at as Record<string, unknown>)[k]
    }
    return typeof at === 'string' ? at : undefined
  }
}
