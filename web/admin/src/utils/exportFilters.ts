/** exportFilters turns a list's URL filters into the export request's
 * filters object: empty values dropped, *_id fields as numbers (the API
 * rejects unknown fields and expects ids as integers). */
export function exportFilters(filters: Record<string, string>): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const [k, v] of Object.entries(filters)) {
    if (v === '' || v === undefined) continue
    if (k.endsWith('_id')) {
      const n = Number(v)
      if (Number.isInteger(n) && n > 0) out[k] = n
      continue
    }
    out[k] = v
  }
  return out
}
