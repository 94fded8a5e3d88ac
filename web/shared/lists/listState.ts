// Where a list keeps its filters and page: in the URL query of its route
// (a list page: reload, back/forward and shared links keep them) or in the
// component (a tab, a drawer, a feed). Both have the same shape, so one
// paged list drives either.
import { computed, reactive, ref, shallowRef, watch, type Ref, type UnwrapNestedRefs } from 'vue'
import { useRouter, type Router } from 'vue-router'
import { DEFAULT_PAGE_SIZE, readFilters, readPage, readPageSize, trimFilters, writeFilters, type FilterValues } from './query'

export interface ListState<F extends FilterValues> {
  /** The editable filter form. */
  filters: UnwrapNestedRefs<F>
  /** The filters the list shows now (the form after apply()). */
  applied: Readonly<Ref<F>>
  page: Readonly<Ref<number>>
  pageSize: Readonly<Ref<number>>
  /** False once a URL-backed list's route is left (its query is another page's). */
  active: Readonly<Ref<boolean>>
  /** Shows the form's filters from page 1. */
  apply(): Promise<unknown>
  /** Sets one filter in the form and applies the form (tabs, switches). */
  applyFilter(key: keyof F & string, value: string): Promise<unknown>
  /** Clears the form and shows the defaults from page 1. */
  reset(): Promise<unknown>
  setPage(page: number): Promise<unknown>
  /** Another page size, from page 1. */
  setPageSize(size: number): Promise<unknown>
}

export interface UrlStateOptions {
  /** The router (tests); useRouter() otherwise. */
  router?: Router
  pageSize?: number
  /** Replace the history entry instead of pushing one (tabs). */
  replace?: boolean
}

/** urlState keeps filters, page and page size in the current route's
 * query; back/forward navigation refills the form. */
export function urlState<F extends FilterValues>(defaults: F, opts: UrlStateOptions = {}): ListState<F> {
  const router = opts.router ?? useRouter()
  const defaultSize = opts.pageSize ?? DEFAULT_PAGE_SIZE
  const route = router.currentRoute
  const { name, path } = route.value
  const filters = reactive({ ...readFilters(route.value.query, defaults) }) as UnwrapNestedRefs<F>
  const active = computed(() => route.value.name === name && route.value.path === path)
  const applied = computed(() => readFilters(route.value.query, defaults))
  const page = computed(() => readPage(route.value.query))
  const pageSize = computed(() => readPageSize(route.value.query, defaultSize))

  watch(
    () => route.value.query,
    (q) => {
      if (active.value) Object.assign(filters, readFilters(q, defaults))
    },
  )

  function go(values: F, p: number, size: number) {
    const to = { path, query: writeFilters(values, defaults, p, size, defaultSize) }
    return opts.replace ? router.replace(to) : router.push(to)
  }

  return {
    filters,
    applied,
    page,
    pageSize,
    active,
    apply: () => go({ ...(filters as F) }, 1, pageSize.value),
    applyFilter: (key, value) => go({ ...(Object.assign(filters, { [key]: value }) as F) }, 1, pageSize.value),
    reset: () => {
      Object.assign(filters, defaults)
      return go({ ...defaults }, 1, pageSize.value)
    },
    setPage: (p) => go(applied.value, p, pageSize.value),
    setPageSize: (size) => go(applied.value, 1, size),
  }
}

/** localState keeps filters and page in the component. */
export function localState<F extends FilterValues>(defaults: F, opts: { pageSize?: number } = {}): ListState<F> {
  const filters = reactive({ ...defaults }) as UnwrapNestedRefs<F>
  const applied = shallowRef<F>({ ...defaults }) as Ref<F>
  const page = ref(1)
  const pageSize = ref(opts.pageSize ?? DEFAULT_PAGE_SIZE)
  const show = (values: F) => {
    applied.value = trimFilters(values, defaults)
    page.value = 1
    return Promise.resolve()
  }
  return {
    filters,
    applied,
    page,
    pageSize,
    active: computed(() => true),
    apply: () => show({ ...(filters as F) }),
    applyFilter: (key, value) => show({ ...(Object.assign(filters, { [key]: value }) as F) }),
    reset: () => {
      Object.assign(filters, defaults)
      return show({ ...defaults })
    },
    setPage: (p) => {
      page.value = p
      return Promise.resolve()
    },
    setPageSize: (size) => {
      pageSize.value = size
      page.value = 1
      return Promise.resolve()
    },
  }
}
