import { API_FIELDS } from './generated/fields'

export type Permission =
  | 'session.self'
  | 'region.read' | 'region.write'
  | 'user.read' | 'user.write' | 'user.security'
  | 'audit.read'
  | 'household.read' | 'household.write'
  | 'person.read' | 'person.write' | 'person.reveal'

/** Who an account is: what the session and the accounts list both show. */
export interface Account {
  id: number | string
  login: string
  display_name: string
  role: string
  region_code: string
  region_name: string
}

export interface SessionUser extends Account {
  permissions: string[]
  must_change_password: boolean
  totp_enabled: boolean
  totp_required: boolean
}

export interface SessionAnswer {
  user: SessionUser
  csrf_token: string
}

export type RegionLevel = 'city' | 'town' | 'village' | 'grid'

export interface Region {
  code: string
  name: string
  level: RegionLevel
  parent_code: string | null
  path: string
  retired: boolean
  /** the unit's public office phone, digits ("" none): the portal offers it to applicants */
  phone: string
  children_count: number
  ancestors?: { code: string; name: string; level: RegionLevel }[]
}

/** The difficulty categories of domain/person.hpp (kDifficultyTags), from the OpenAPI document. */
export const TAGS = API_FIELDS.people.tags.enum
export type Tag = (typeof TAGS)[number]

export interface Household {
  id: number | string
  grid_code: string
  grid_name: string
  region_path: string
  address_detail: string | null
  head_name: string
  members_count: number
  tags: string[]
  created_at: string
  updated_at: string
  version: number
  members?: Person[]
}

export interface Person {
  id: number | string
  household_id: number | string
  name: string
  gender: 'female' | 'male'
  birth_date: string
  id_number: string | null
  phone: string | null
  address_detail: string | null
  tags: string[]
  relation: string
  region_code: string
  region_path?: string
  created_at: string
  updated_at: string
  version: number
}

export interface PersonSensitive {
  id_number: string | null
  phone: string | null
  address_detail: string | null
  /** the whole birth date (records show the year only) */
  birth_date: string
}

export interface RoleInfo {
  role: string
  label: string
  label_en?: string
  permissions: string[]
  /** one of the three separated administrator duties: never granted through the API */
  administrator?: boolean
  requires_totp?: boolean
}

export interface UserRow extends Account {
  role_label?: string
  locked: boolean
  /** locked by the security administrator (until unlocked), as opposed to a lockout after failed sign-ins */
  admin_locked?: boolean
  locked_until: string | null
  must_change_password: boolean
  totp_enabled: boolean
  created_at: string
  updated_at?: string
  last_sign_in_at: string | null
  /** the account's mobile for night-duty text messages, masked; null when none */
  phone?: string | null
  version?: number
}

export interface AuditEntry {
  id: number | string
  seq?: number
  at: string
  actor_login: string
  actor_role: string
  ip: string
  entity: string
  entity_id: string | number | null
  action: string
  result: string
  detail: unknown
}

export interface AuditVerify {
  ok: boolean
  checked: number
  /** the seq of the first altered, inserted or missing entry (docs/api.md) */
  first_bad_seq?: number
  problem?: string
}

export interface MySession {
  id: string | number
  created_at: string
  last_seen_at: string
  expires_at?: string
  ip: string
  user_agent: string
  current: boolean
}

export interface SignIn {
  at: string
  ip: string
  user_agent: string
  result: string
}
