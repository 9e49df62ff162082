// The sensitive values of a list's records shown in full on request (GET …/{id}/sensitive, which
// the server audits): until then the row's own value, the mask, is shown.
import { reactive } from 'vue'
import { showError } from '@/utils/ui'

export interface Reveal<R extends { id: number }> {
  /** the full values asked for, by record id */
  revealed: Record<number, Record<string, unknown>>
  /** the value shown for a field: in full once asked for, else the record's mask */
  shown(row: R, field: string): string
  /** whether the full value may still be asked for (there is a mask and it was not asked yet) */
  hidden(row: R, field: string): boolean
  reveal(row: R): Promise<void>
}

export function useReveal<R extends { id: number }>(fetch: (id: number) => Promise<object>): Reveal<R> {
  const revealed = reactive<Record<number, Record<string, unknown>>>({})
  const own = (row: R, field: string) => (row as Record<string, unknown>)[field]
  function shown(row: R, field: string): string {
    const v = revealed[row.id]?.[field] ?? own(row, field)
    return typeof v === 'string' ? v : ''
  }
  const hidden = (row: R, field: string) => !!own(row, field) && !revealed[row.id]
  async function reveal(row: R) {
    try {
      revealed[row.id] = { ...(await fetch(row.id)) }
    } catch (e) {
      showError(e)
    }
  }
  return { revealed, shown, hidden, reveal }
}
