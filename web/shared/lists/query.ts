// A list's filters and paging as URL query values (admin lists, H5 tabs)
// and as the query a list endpoint takes. Filters are strings; a value
// equal to its default (or blank) stays out of the URL, so a clean list has
// a clean URL.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'

export type FilterValues = Record<string, string>
export const DEFAULT_PAGE_SIZE = 20
export const PAGE_SIZES = [10, 20, 50, 100]
/** The largest page the API serves. */
const MAX_PAGE_SIZE = 100

function first(v: LocationQuery[string] | undefined): string | undefined {
  if (Array.isArray(v)) return v[0] ?? undefined
  return v ?? undefined
}

/** readFilters takes each filter from the URL query, or its default. */
export function readFilters<F extends FilterValues>(query: LocationQuery, defaults: F): F {
  const out = { ...defaults }
  for (const key of Object.keys(defaults) as (keyof F & string)[]) {
    const v = first(query[key])
    if (v !== undefined) out[key] = v as F[typeof key]
  }
  return out
}

/** readPage reads a positive page number (1 when absent or bad). */
export function readPage(query: LocationQuery): number {
  const n = Number(first(query.page))
  return Number.isInteger(n) && n > 0 ? n : 1
}

/** readPageSize reads a page size the API accepts (1..100), else `fallback`. */
export function readPageSize(query: LocationQuery, fallback = DEFAULT_PAGE_SIZE): number {
  const n = Number(first(query.page_size))
  return Number.isInteger(n) && n > 0 && n <= MAX_PAGE_SIZE ? n : fallback
}

/** trimFilters is the filters as they apply: every value trimmed. */
export function trimFilters<F extends FilterValues>(values: F, defaults: F): F {
  const out = { ...defaults }
  for (const key of Object.keys(defaults) as (keyof F & string)[]) out[key] = (values[key] ?? '').trim() as F[typeof key]
  return out
}

/** writeFilters is the URL query for these filters and this page. */
export function writeFilters<F extends FilterValues>(
  values: F,
  defaults: F,
  page = 1,
  pageSize = DEFAULT_PAGE_SIZE,
  defaultPageSize = DEFAULT_PAGE_SIZE,
): LocationQueryRaw {
  const q: LocationQueryRaw = {}
  for (const [key, v] of Object.entries(trimFilters(values, defaults))) if (v !== '' && v !== defaults[key]) q[key] = v
  if (page > 1) q.page = String(page)
  if (pageSize !== defaultPageSize) q.page_size = String(pageSize)
  return q
}

/** The query a list endpoint gets: the non-empty filters plus paging. */
export type ListQuery = Record<string, string>

/** apiQuery builds a list endpoint's query. */
export function apiQuery(values: FilterValues, page: number, pageSize: number): ListQuery {
  const q: ListQuery = {}
  for (const [k, v] of Object.entries(values)) if (v !== '') q[k] = v
  q.page = String(page)
  q.page_size = String(pageSize)
  return q
}
