// The pure side of the live case alerts (GET /api/v1/cases/stream, server-sent events): reading
// an event, the reconnect backoff, and a connection that reconnects with that backoff. The store
// (stores/caseAlerts.ts) adds the browser parts: EventSource, notifications, sound, the badge.

/** One live event for the signed-in user. The stream carries no case content (a `reply` says
 *  that the applicant answered on the portal, not what). */
export interface CaseAlert {
  kind: 'assignment' | 'escalation' | 'reply'
  case_id: number
  case_no: string
  category: string
  night_clinic: boolean
  /** the applicant said she is not safe now (an assignment to her unit, day and night) */
  urgent?: boolean
  /** ISO 8601, Beijing time */
  at: string
  /** escalation only */
  supervision?: 'yellow' | 'red' | null
  /** escalation only: the level the case moved to */
  level?: string | null
  /** escalation only: moved up by the routing rules after a correction (no supervision mark) */
  rerouted?: boolean
}

export const ALERT_EVENTS = ['assignment', 'escalation', 'reply'] as const
/** Events that ask the to-do (views/TodoView.vue) to refresh: an item added to my list
 *  (`family_todo` {family_id}), a family upgraded in my area (`key_family_upgrade` {id, colour}). */
export const OTHER_EVENTS = ['family_todo', 'key_family_upgrade'] as const

/** A police incident's push for the signed-in user (event `incident`): new, or overdue (`mark`).
 *  It names the incident by number and kind, never a person or an address. */
export interface IncidentAlert {
  kind: 'incident'
  incident_id: number
  incident_no: string
  /** the incident's kind (family_dispute, domestic_violence …) */
  incident_kind: string
  /** whose push: town_federation, village_federation, mediation */
  recipient: string
  /** yellow / red: the push is overdue; none: a new push */
  mark: 'none' | 'yellow' | 'red'
  night: boolean
  at: string
}

/** The JSON object an SSE event carries, or null for anything else (malformed, an array, a bare
 *  value): every live event's parser starts here. */
export function eventObject(data: string): Record<string, unknown> | null {
  let o: unknown
  try {
    o = JSON.parse(data)
  } catch {
    return null
  }
  if (!o || typeof o !== 'object' || Array.isArray(o)) return null
  return o as Record<string, unknown>
}

/** The alert of an SSE event `incident`, or null for anything malformed. */
export function parseIncidentAlert(data: string): IncidentAlert | null {
  const r = eventObject(data)
  if (!r) return null
  const id = typeof r.incident_id === 'number' ? r.incident_id : NaN
  if (!Number.isSafeInteger(id) || id <= 0) return null
  if (typeof r.incident_no !== 'string' || !r.incident_no || r.incident_no.length > 40) return null
  return {
    kind: 'incident',
    incident_id: id,
    incident_no: r.incident_no,
    incident_kind: typeof r.kind === 'string' ? r.kind : '',
    recipient: typeof r.recipient === 'string' ? r.recipient : '',
    mark: r.mark === 'yellow' || r.mark === 'red' ? r.mark : 'none',
    night: r.night === true,
    at: typeof r.at === 'string' ? r.at : '',
  }
}

/** The i18n key and parameters of an incident alert's text (`label` names a code under a prefix). */
export function incidentAlertMessage(a: IncidentAlert, label: (prefix: string, code: string) => string): { key: string; params: Record<string, string> } {
  const params = { no: a.incident_no, kind: a.incident_kind ? label('incidents.kinds', a.incident_kind) : '', recipient: a.recipient ? label('incidents.recipients', a.recipient) : '' }
  if (a.mark === 'red') return { key: 'incidents.alerts.red', params }
  if (a.mark === 'yellow') return { key: 'incidents.alerts.yellow', params }
  return { key: a.night ? 'incidents.alerts.newNight' : 'incidents.alerts.new', params }
}

/** A portal question for the signed-in user (event `consultation`): a night question about
 *  violence routed to her (`mark` none), or a question marked late (yellow, then red). It names
 *  the question by number and category, never its words. */
export interface ConsultationAlert {
  kind: 'consultation'
  consultation_id: number
  category: string
  night: boolean
  mark: 'none' | 'yellow' | 'red'
  at: string
}

/** The alert of an SSE event `consultation`, or null for anything malformed. */
export function parseConsultationAlert(data: string): ConsultationAlert | null {
  const r = eventObject(data)
  if (!r) return null
  const id = typeof r.consultation_id === 'number' ? r.consultation_id : NaN
  if (!Number.isSafeInteger(id) || id <= 0) return null
  return {
    kind: 'consultation',
    consultation_id: id,
    category: typeof r.category === 'string' ? r.category : '',
    night: r.night === true,
    mark: r.mark === 'yellow' || r.mark === 'red' ? r.mark : 'none',
    at: typeof r.at === 'string' ? r.at : '',
  }
}

/** The i18n keys of a consultation alert's title and text: 咨询已逾期 for a mark, else 夜间家暴咨询 待答复. */
export function consultationAlertMessage(a: ConsultationAlert): { title: string; key: string } {
  if (a.mark === 'none') return { title: 'consultations.alerts.nightTitle', key: 'consultations.alerts.night' }
  return { title: 'consultations.alerts.lateTitle', key: `consultations.alerts.${a.mark}` }
}

/** The alert of an SSE event `type` with JSON `data`, or null for anything malformed or unknown. */
export function parseAlert(type: string, data: string): CaseAlert | null {
  if (!(ALERT_EVENTS as readonly string[]).includes(type)) return null
  const r = eventObject(data)
  if (!r) return null
  const id = typeof r.case_id === 'number' ? r.case_id : typeof r.case_id === 'string' && /^\d{1,18}$/.test(r.case_id) ? Number(r.case_id) : NaN
  if (!Number.isSafeInteger(id) || id <= 0) return null
  if (typeof r.case_no !== 'string' || !r.case_no || r.case_no.length > 40) return null
  const alert: CaseAlert = {
    kind: type as CaseAlert['kind'],
    case_id: id,
    case_no: r.case_no,
    category: typeof r.category === 'string' ? r.category : '',
    night_clinic: r.night_clinic === true,
    at: typeof r.at === 'string' ? r.at : '',
  }
  if (r.urgent === true) alert.urgent = true
  if (type === 'escalation') {
    alert.supervision = r.supervision === 'yellow' || r.supervision === 'red' ? r.supervision : null
    alert.level = typeof r.level === 'string' ? r.level : null
    alert.rerouted = r.rerouted === true
  }
  return alert
}

/** Same alert (kind, case and time): a second delivery is not shown twice. */
export function alertKey(a: CaseAlert): string {
  return `${a.kind}:${a.case_id}:${a.at}`
}

export interface BackoffOptions {
  baseMs: number
  maxMs: number
  /** ± this share of the delay, so many consoles do not reconnect in step after a restart */
  jitter: number
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 60_000, jitter: 0.2 }

/** The wait before reconnect number `attempt` (0-based): base · 2^attempt, capped, with jitter. */
export function backoffDelay(attempt: number, random: () => number = Math.random, opts: BackoffOptions = DEFAULT_BACKOFF): number {
  const exp = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, Math.min(attempt, 30)))
  const spread = exp * opts.jitter * (2 * random() - 1)
  return Math.max(0, Math.round(Math.min(opts.maxMs, exp + spread)))
}

/** What an EventSource offers that the connection uses (a fake in tests). */
export interface EventSourceLike {
  onopen: ((ev: unknown) => void) | null
  onerror: ((ev: unknown) => void) | null
  addEventListener(type: string, listener: (ev: { data: string }) => void): void
  close(): void
}

export interface TimerApi {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export type ConnectionState = 'stopped' | 'connecting' | 'open' | 'waiting'

export interface AlertConnectionOptions {
  url: string
  create: (url: string) => EventSourceLike
  onAlert: (alert: CaseAlert) => void
  /** a police incident's push (event `incident`) */
  onIncident?: (alert: IncidentAlert) => void
  /** a portal question for me (event `consultation`) */
  onConsultation?: (alert: ConsultationAlert) => void
  /** an event that only asks lists to refresh (OTHER_EVENTS), with its raw data */
  onOther?: (type: (typeof OTHER_EVENTS)[number], data: string) => void
  onState?: (state: ConnectionState, retryInMs?: number) => void
  timers?: TimerApi
  random?: () => number
  backoff?: BackoffOptions
}

/**
 * One stream that stays open while started. Any error closes it and schedules the next try after
 * backoffDelay(attempt); a successful open resets the attempts. (EventSource would retry by itself
 * at a fixed pace and gives up for good on an HTTP error; this replaces both behaviours.)
 */
export class AlertConnection {
  private source: EventSourceLike | null = null
  private timer: unknown = null
  private running = false
  private attempt = 0
  private readonly seen: string[] = []
  private readonly timers: TimerApi

  constructor(private readonly opts: AlertConnectionOptions) {
    this.timers = opts.timers ?? {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
    }
  }

  get started(): boolean {
    return this.running
  }

  /** Failed tries since the last successful open. */
  get failures(): number {
    return this.attempt
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.attempt = 0
    this.connect()
  }

  stop(): void {
    this.running = false
    if (this.timer !== null) this.timers.clearTimeout(this.timer)
    this.timer = null
    this.source?.close()
    this.source = null
    this.opts.onState?.('stopped')
  }

  private connect(): void {
    this.timer = null
    if (!this.running) return
    this.opts.onState?.('connecting')
    const es = this.opts.create(this.opts.url)
    this.source = es
    es.onopen = () => {
      if (this.source !== es) return
      this.attempt = 0
      this.opts.onState?.('open')
    }
    es.onerror = () => {
      if (this.source !== es) return
      es.close()
      this.source = null
      if (!this.running) return
      const delay = backoffDelay(this.attempt, this.opts.random, this.opts.backoff)
      this.attempt++
      this.opts.onState?.('waiting', delay)
      this.timer = this.timers.setTimeout(() => this.connect(), delay)
    }
    for (const type of ALERT_EVENTS) {
      es.addEventListener(type, (ev) => {
        if (this.source !== es) return
        const alert = parseAlert(type, ev.data)
        if (!alert) return
        const key = alertKey(alert)
        if (this.seen.includes(key)) return
        this.seen.push(key)
        if (this.seen.length > 200) this.seen.shift()
        this.opts.onAlert(alert)
      })
    }
    es.addEventListener('incident', (ev) => {
      if (this.source !== es) return
      const alert = parseIncidentAlert(ev.data)
      if (!alert) return
      const key = `incident:${alert.incident_id}:${alert.recipient}:${alert.mark}:${alert.at}`
      if (this.seen.includes(key)) return
      this.seen.push(key)
      if (this.seen.length > 200) this.seen.shift()
      this.opts.onIncident?.(alert)
    })
    es.addEventListener('consultation', (ev) => {
      if (this.source !== es) return
      const alert = parseConsultationAlert(ev.data)
      if (!alert) return
      const key = `consultation:${alert.consultation_id}:${alert.mark}:${alert.at}`
      if (this.seen.includes(key)) return
      this.seen.push(key)
      if (this.seen.length > 200) this.seen.shift()
      this.opts.onConsultation?.(alert)
    })
    for (const type of OTHER_EVENTS)
      es.addEventListener(type, (ev) => {
        if (this.source === es) this.opts.onOther?.(type, ev.data)
      })
  }
}

/** The i18n key and parameters of an alert's notification text. */
export function alertMessage(a: CaseAlert, categoryLabel: (code: string) => string): { key: string; params: Record<string, string> } {
  const params = { case_no: a.case_no, category: a.category ? categoryLabel(a.category) : '' }
  if (a.kind === 'reply') return { key: 'cases.alerts.reply', params }
  if (a.kind === 'escalation') {
    if (a.supervision === 'red') return { key: 'cases.alerts.escalationRed', params }
    if (a.supervision === 'yellow') return { key: 'cases.alerts.escalationYellow', params }
    // no mark: moved up by the routing rules, or a night request its on-duty person has not opened
    return { key: a.rerouted ? 'cases.alerts.rerouted' : 'cases.alerts.nightUnopened', params }
  }
  if (a.urgent) return { key: 'cases.alerts.urgent', params }
  return { key: a.night_clinic ? 'cases.alerts.assignedNight' : 'cases.alerts.assigned', params }
}
