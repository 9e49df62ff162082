// The mediation agreement, its confirmations, obligations, payments and follow-up visits
// (docs/api.md, "Agreements, obligations and payments"). Field names are those of
// src/store/agreement_repo.cpp, src/api/agreements_api.cpp and src/api/obligations_api.cpp.
import { api, buildUrl, type Page, type Query } from './client'

const enc = (v: number | string) => encodeURIComponent(String(v))

export const TERM_KINDS = ['money', 'other', 'status'] as const
export type TermKind = (typeof TERM_KINDS)[number]
export type AgreementForm = 'written' | 'oral'
export type AgreementStatus = 'draft' | 'awaiting_confirmation' | 'effective'
export type ConfirmMethod = 'otp' | 'paper' | 'oral'

export interface AgreementTerm {
  index: number
  text: string
  kind: TermKind
  /** the obligation that performs a money term, if linked */
  obligation: number | null
}

export interface AgreementParty {
  id: number
  role: 'applicant' | 'respondent' | 'other'
  name: string
  gender: 'female' | 'male' | null
  age: number | null
  /** masked unless the agreement was read with reveal=1 */
  address: string | null
  /** always masked */
  phone: string | null
  signatory: boolean
}

export interface Confirmation {
  party_id: number
  name: string
  role: string
  phone: string | null
  has_phone: boolean
  method: ConfirmMethod | null
  confirmed_at: string | null
  code_sent_at: string | null
  code_expires_at: string | null
  tries_left: number | null
  /** no new code before this time */
  resend_after: string | null
}

export interface Judicial {
  applied_at: string | null
  court: string | null
  case_no: string | null
  result: 'confirmed' | 'rejected' | null
  decided_at: string | null
  /** 30 days after the agreement took effect */
  deadline: string | null
  /** false when a term is on marriage or identity */
  confirmable: boolean
}

export interface Agreement {
  id: number
  case_id: number
  case_no: string
  case_status: string
  category: string
  number: string
  committee: string
  form: AgreementForm
  status: AgreementStatus
  facts: string
  disputes: string
  terms: AgreementTerm[]
  parties: AgreementParty[]
  confirmations: Confirmation[]
  mediator: { id: number; name: string } | null
  mediator_signed_at: string | null
  effective_at: string | null
  judicial: Judicial
  revealed: boolean
  created_at: string
  updated_at: string
  version: number
}

export interface AgreementBody {
  form?: AgreementForm
  facts?: string
  disputes?: string
  terms?: { text: string; kind: TermKind }[]
  version?: number
}

export interface JudicialBody {
  applied_at: string
  court: string
  court_case_no?: string
  result?: 'confirmed' | 'rejected'
  decided_at?: string
  version?: number
}

export interface Standing {
  today: string
  due: string
  paid: string
  arrears: string
  arrears_fen: number
  total: string
  outstanding: string
  missed: string[]
  next_due: string | null
  fulfilled: boolean
}

export type InstallmentState = 'paid' | 'missed' | 'due' | 'upcoming'

export interface Installment {
  due_on: string
  amount: string
  amount_fen: number
  state: InstallmentState
}

export interface PartyRef {
  party_id: number
  name: string
  role: string
}

export interface Obligation {
  id: number
  case_id: number
  agreement_id: number
  payer: PartyRef | null
  payee: PartyRef | null
  description: string
  amount: string
  amount_fen: number
  schedule: 'once' | 'monthly'
  first_due: string
  installments: number
  plan: Installment[]
  payments_count: number
  open_reminders: number
  standing: Standing
  created_at: string
}

/** GET /cases/{id}/obligations: the page plus the case's performance state. */
export interface ObligationPage extends Page<Obligation> {
  today: string
  /** a reminder was sent for a missed installment and is not yet paid */
  flagged: boolean
}

export interface ObligationBody {
  payer_party_id: number
  payee_party_id: number
  description?: string
  /** yuan, "500" or "500.50" */
  amount: string
  schedule: 'once' | 'monthly'
  first_due: string
  installments?: number
  /** index of the money term it performs */
  term?: number
}

export interface Payment {
  id: number
  obligation_id: number
  amount: string
  amount_fen: number
  paid_on: string
  evidence: string | null
  recorded_by: { id: number; name: string } | null
  recorded_at: string
}

export interface RecordedPayment extends Payment {
  case_status: string
  obligation: Obligation
}

export interface FollowUp {
  id: number
  case_id: number
  due_on: string
  done_at: string | null
  done_by: { id: number; name: string } | null
  note: string | null
  created_at: string
}

export const agreementApi = {
  get: (caseId: number, reveal = false) =>
    api.get<Agreement>(`/cases/${enc(caseId)}/agreement`, reveal ? { reveal: 1 } : undefined),
  save: (caseId: number, body: AgreementBody) => api.put<Agreement>(`/cases/${enc(caseId)}/agreement`, body),
  submit: (caseId: number, version: number) => api.post<Agreement>(`/cases/${enc(caseId)}/agreement/submit`, { version }),
  sign: (caseId: number, version: number) => api.post<Agreement>(`/cases/${enc(caseId)}/agreement/sign`, { version }),
  sendCode: (caseId: number, partyId: number) =>
    api.post<{ party_id: number; phone: string; expires_at: string; resend_after: string }>(
      `/cases/${enc(caseId)}/agreement/confirmations/${enc(partyId)}/code`),
  confirm: (caseId: number, partyId: number, body: { code: string } | { paper: true; note?: string }) =>
    api.post<Agreement>(`/cases/${enc(caseId)}/agreement/confirmations/${enc(partyId)}`, body),
  judicial: (caseId: number, body: JudicialBody) => api.put<Agreement>(`/cases/${enc(caseId)}/agreement/judicial`, body),
  /** The PDF (a plain link: the browser downloads it with the session cookie). */
  pdfUrl: (caseId: number, reveal = false) => buildUrl(`/cases/${enc(caseId)}/agreement/pdf`, reveal ? { reveal: 1 } : undefined),

  obligations: (caseId: number) => api.get<ObligationPage>(`/cases/${enc(caseId)}/obligations`, { page_size: 100 }),
  addObligation: (caseId: number, body: ObligationBody) => api.post<Obligation>(`/cases/${enc(caseId)}/obligations`, body),
  payments: (caseId: number, oid: number, q?: Query) =>
    api.get<Page<Payment>>(`/cases/${enc(caseId)}/obligations/${enc(oid)}/payments`, q),
  addPayment: (caseId: number, oid: number, body: { amount: string; paid_on: string; evidence?: string }) =>
    api.post<RecordedPayment>(`/cases/${enc(caseId)}/obligations/${enc(oid)}/payments`, body),
  followUps: (caseId: number) => api.get<Page<FollowUp>>(`/cases/${enc(caseId)}/follow-ups`, { page_size: 100 }),
  followUpDone: (caseId: number, fid: number, note: string) =>
    api.post<FollowUp>(`/cases/${enc(caseId)}/follow-ups/${enc(fid)}/done`, { note }),
}
