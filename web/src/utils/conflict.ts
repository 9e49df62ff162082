// Comparing the record a form was loaded with and the record as the server has it now (after a
// stale version): what changed, and the form's values rebased on the current record.

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
}

/** The fields whose value differs between what the user loaded and what the server has now. */
export function changedFields(loaded: object, current: object, fields: readonly string[]): string[] {
  const l = loaded as Record<string, unknown>
  const c = current as Record<string, unknown>
  return fields.filter((f) => !same(l[f], c[f]))
}

/** After a reload: the user's own changes (where `mine` differs from `loaded`) kept, the rest
 *  taken from `current`. */
export function mergeOnReload<T extends object>(loaded: T, mine: T, current: T, fields: readonly (keyof T)[]): T {
  const out = { ...current }
  for (const f of fields) if (!same(mine[f], loaded[f])) out[f] = mine[f]
  return out
}
