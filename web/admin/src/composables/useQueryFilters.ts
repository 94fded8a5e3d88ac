import { computed, reactive, watch, type UnwrapNestedRefs } from 'vue'
import { useRouter, type LocationQuery, type LocationQueryRaw, type Router } from 'vue-router'

export type FilterValues = Record<string, string>
export const DEFAULT_PAGE_SIZE = 20
const PAGE_SIZES = [10, 20, 50, 100]

function first(v: LocationQuery[string] | undefined): string | undefined {
  if (Array.isArray(v)) return v[0] ?? undefined
  return v ?? undefined
}

/** readFilters takes each filter from the URL query, or its default. */
export function readFilters<T extends FilterValues>(query: LocationQuery, defaults: T): T {
  const out = { ...defaults }
  for (const key of Object.keys(defaults) as (keyof T & string)[]) {
    const v = first(query[key])
    if (v !== undefined) out[key] = v as T[typeof key]
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
  return Number.isInteger(n) && n > 0 && n <= 100 ? n : fallback
}

/** writeFilters is the URL query for these filters: values equal to their
 * default (or empty) are left out, so a clean list has a clean URL. */
export function writeFilters<T extends FilterValues>(
  values: T,
  defaults: T,
  page = 1,
  pageSize = DEFAULT_PAGE_SIZE,
  defaultPageSize = DEFAULT_PAGE_SIZE,
): LocationQueryRaw {
  const q: LocationQueryRaw = {}
  for (const key of Object.keys(defaults)) {
    const v = (values[key] ?? '').trim()
    if (v !== '' && v !== defaults[key]) q[key] = v
  }
  if (page > 1) q.page = String(page)
  if (pageSize !== defaultPageSize) q.page_size = String(pageSize)
  return q
}

/** apiQuery is what a list endpoint gets: non-empty filters plus paging. */
export function apiQuery<T extends FilterValues>(values: T, page: number, pageSize: number): Record<string, string> {
  const q: Record<string, string> = {}
  for (const [k, v] of Object.entries(values)) if (v !== '') q[k] = v
  q.page = String(page)
  q.page_size = String(pageSize)
  return q
}

/** useQueryFilters keeps a list's filters and page in the URL query:
 * `filters` is the editable form, `applied` what the URL says now; apply()
 * pushes the form to the URL (back to page 1), and back/forward navigation
 * refills the form. */
export function useQueryFilters<T extends FilterValues>(
  defaults: T,
  opts: { router?: Router; pageSize?: number } = {},
) {
  const router = opts.router ?? useRouter()
  const defaultSize = opts.pageSize ?? DEFAULT_PAGE_SIZE
  const route = router.currentRoute
  const routeName = route.value.name
  const path = route.value.path
  const filters = reactive({ ...readFilters(route.value.query, defaults) }) as UnwrapNestedRefs<T>

  const applied = computed(() => readFilters(route.value.query, defaults))
  const page = computed(() => readPage(route.value.query))
  const pageSize = computed(() => readPageSize(route.value.query, defaultSize))
  const query = computed(() => apiQuery(applied.value, page.value, pageSize.value))
  const active = computed(() => route.value.name === routeName && route.value.path === path)

  watch(
    () => route.value.query,
    (q) => {
      if (active.value) Object.assign(filters, readFilters(q, defaults))
    },
  )

  function go(values: T, p: number, size: number) {
    return router.push({ path, query: writeFilters(values, defaults, p, size, defaultSize) })
  }

  return {
    filters,
    applied,
    page,
    pageSize,
    query,
    active,
    pageSizes: PAGE_SIZES,
    apply: () => go({ ...(filters as T) }, 1, pageSize.value),
    reset: () => {
      Object.assign(filters, defaults)
      return go({ ...defaults }, 1, pageSize.value)
    },
    setPage: (p: number) => go(applied.value, p, pageSize.value),
    setPageSize: (size: number) => go(applied.value, 1, size),
  }
}

export type QueryFilters<T extends FilterValues> = ReturnType<typeof useQueryFilters<T>>
