// The volunteer teams of my area, for the volunteer pages: the team select's options and a
// team's name in the list (a volunteer carries only her team's id).
import { shallowRef } from 'vue'
import { teamApi, type Team } from '@/api/teams'
import { showError } from '@/utils/ui'

export function useTeamNames() {
  const all = shallowRef<Team[]>([])
  teamApi.list({ page_size: 100, sort: 'name' }).then((p) => (all.value = p.items), showError)
  return {
    all,
    /** the team's name, `#id` while unknown (outside the first hundred), '—' for none */
    nameOf: (id: number | null | undefined) => (id ? all.value.find((x) => x.id === id)?.name ?? `#${id}` : '—'),
  }
}
