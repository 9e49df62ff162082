// Volunteer teams (志愿者队伍): the record kit's routes. The shape and the choices come from the
// server's OpenAPI document (src/api/generated, made by scripts/gen-api.mjs), not from a copy.
import { api } from './client'
import { recordPath, recordRoutes } from './records'
import type { paths } from './generated/openapi'
import { API_FIELDS } from './generated/fields'

export type Team = paths['/teams/{id}']['get']['responses']['200']['content']['application/json']
export type TeamSecrets = paths['/teams/{id}/sensitive']['get']['responses']['200']['content']['application/json']
export const TEAM_KINDS = API_FIELDS.team.kind.enum

const team = recordPath('/teams')
export const teamApi = {
  ...recordRoutes<Team>('/teams'),
  retire: (id: number) => api.post<Team>(team(id, '/retire')),
  reveal: (id: number) => api.get<TeamSecrets>(team(id, '/sensitive')),
}
