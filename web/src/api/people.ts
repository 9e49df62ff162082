// People and households (docs/api.md, "People and households").
import { api } from './client'
import { recordPath, recordRoutes } from './records'
import type { Household, Person, PersonSensitive } from './types'

export const householdApi = recordRoutes<Household>('/households')

const person = recordPath('/people')
export const personApi = {
  ...recordRoutes<Person>('/people'),
  sensitive: (id: string | number) => api.get<PersonSensitive>(person(id, '/sensitive')),
}
