// Volunteer teams (志愿者队伍): the record kit's routes. The shape and the choices come from the
// server's OpenAPI document (src/api/generated, made by scripts/gen-api.mjs), not from a copy.
import { api, type Page, type Query } from './client'
import type { paths } from './generated/openapi'
import { API_FIELDS } from './generated/fields'

const enc = encodeURIComponent

export type Team = paths['/teams/{id}']['get']['responses']['200']['content']['application/json']
export type TeamSecrets = paths['/teams/{id}/sensitive']['get']['responses']['200']['content']['application/json']
export const TEAM_KINDS = API_FIELDS.team.kind.enum
export const TEAM_LIMITS = { name: API_FIELDS.team.name.maxLength, leader_name: API_FIELDS.team.leader_name.maxLength, note: API_FIELDS.team.note.maxLength }

export const teamApi = {
  list: (q: Query) => api.get<Page<Team>>('/teams', q),
  create: (body: Record<string, unknown>) => api.post<Team>('/teams', body),
  update: (id: number, body: Record<string, unknown>) => api.patch<Team>(`/teams/${enc(String(id))}`, body),
  retire: (id: number) => api.post<Team>(`/teams/${enc(String(id))}/retire`),
  reveal: (id: number) => api.get<TeamSecrets>(`/teams/${enc(String(id))}/sensitive`),
}
