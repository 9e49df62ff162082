// People and households (docs/api.md, "People and households").
import { api, type Page, type Query } from './client'
import type { Household, Person, PersonSensitive } from './types'

const enc = encodeURIComponent

export const householdApi = {
  list: (q: Query) => api.get<Page<Household>>('/households', q),
  get: (id: string | number) => api.get<Household>(`/households/${enc(String(id))}`),
  create: (body: Record<string, unknown>) => api.post<Household>('/households', body),
  update: (id: string | number, body: Record<string, unknown>) => api.patch<Household>(`/households/${enc(String(id))}`, body),
}

export const personApi = {
  list: (q: Query) => api.get<Page<Person>>('/people', q),
  get: (id: string | number) => api.get<Person>(`/people/${enc(String(id))}`),
  create: (body: Record<string, unknown>) => api.post<Person>('/people', body),
  update: (id: string | number, body: Record<string, unknown>) => api.patch<Person>(`/people/${enc(String(id))}`, body),
  sensitive: (id: string | number) => api.get<PersonSensitive>(`/people/${enc(String(id))}/sensitive`),
}
