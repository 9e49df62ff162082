// The portal's only door to the server: the public endpoints of docs/api.md, no account, no
// cookies needed, no CSRF token (public routes carry none). Same origin only.

export interface Category {
  code: string
  label: string
  label_en: string
}
export interface Village {
  code: string
  name: string
}
export interface Town {
  code: string
  name: string
  villages: Village[]
}
export interface Room {
  name: string
  level: string
  region_name: string
  address: string
  hours: string
  phone: string
  demonstration: boolean
}
export interface PublicInfo {
  hotline: string
  categories: Category[]
  towns: Town[]
  rooms: Room[]
}
export interface Challenge {
  token: string
  difficulty: number
}
export interface ChallengeAnswer {
  token: string
  nonce: string
}
export interface HelpRequestBody {
  category: string
  facts: string
  wish: string
  town_code: string
  village_code?: string
  address?: string
  name?: string
  phone: string
  safe_contact: string
  disclose_identity: boolean
  /** "您现在安全吗？" on a domestic-violence request; "no" makes it urgent */
  safe_now?: 'yes' | 'no' | 'unsure'
  /** how she wants to be reached, as values the staff's call button follows */
  contact_sms_only?: boolean
  contact_call_from?: string
  contact_call_to?: string
  challenge: ChallengeAnswer
}
export interface SharedMessage {
  at: string
  text: string
  /** a staff message shared with her, or her own reply */
  from: 'staff' | 'applicant'
}
export interface HelpRequestStatus {
  tracking_code: string
  status: string
  created_at: string
  /** the handling unit */
  unit_name: string
  /** the unit's office phone (digits), or the hotline 12338 when it has none */
  phone: string
  phone_is_hotline: boolean
  /** false once the request has ended */
  can_reply: boolean
  messages: SharedMessage[]
}
export interface ConsultationBody {
  category?: string
  town_code?: string
  question: string
  contact?: string
  challenge: ChallengeAnswer
}
export interface ConsultationStatus {
  status: 'open' | 'answered'
  question: string
  answer?: string
  answered_at?: string
  created_at: string
}

/** A failed call: the server's {error:{code,message,field}}, or code "network" when nothing came back. */
export class PortalError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** seconds, from Retry-After on a 429 */
    readonly retryAfter?: number,
  ) {
    super(message)
  }
}

export async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    })
  } catch {
    throw new PortalError(0, 'network', '')
  }
  const text = await res.text().catch(() => '')
  let json: unknown = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    json = null
  }
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string; field?: string } } | null)?.error
    const retry = Number(res.headers.get('Retry-After'))
    throw new PortalError(res.status, err?.code ?? 'http_' + res.status, err?.message ?? '', err?.field,
      Number.isFinite(retry) && retry > 0 ? retry : undefined)
  }
  return json as T
}

export const portalApi = {
  info: () => call<PublicInfo>('GET', '/public/info'),
  challenge: () => call<Challenge>('POST', '/public/challenge', {}),
  submitHelpRequest: (body: HelpRequestBody) => call<{ tracking_code: string }>('POST', '/public/help-requests', body),
  // Lookups send the code (and digits) in a POST body: no URL — kept by proxies and browser
  // history — carries them.
  followHelpRequest: (code: string, phoneLast4: string) =>
    call<HelpRequestStatus>('POST', '/public/help-requests/lookup', { tracking_code: code, phone_last4: phoneLast4 }),
  /** her short answer to the staff: lands on the case's timeline; answers the request as it now is */
  replyHelpRequest: (code: string, phoneLast4: string, text: string) =>
    call<HelpRequestStatus>('POST', '/public/help-requests/reply', { tracking_code: code, phone_last4: phoneLast4, text }),
  askConsultation: (body: ConsultationBody) => call<{ tracking_code: string }>('POST', '/public/consultations', body),
  consultation: (code: string) => call<ConsultationStatus>('POST', '/public/consultations/lookup', { tracking_code: code }),
}
