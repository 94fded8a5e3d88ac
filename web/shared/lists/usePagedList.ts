// One server-side paged list for both apps. Two ways to page:
//  - table (default): one page at a time, chosen with setPage/setPageSize
//    (an admin table with a pager); loads at once and whenever the
//    filters or page change;
//  - append: pages accumulate as load() is called (an H5 infinite list:
//    van-list calls load); finished turns true when total is reached or a
//    short page arrives; a filter change starts over.
// Filters and page live in the URL query (`url`) or in the component.
// A slower earlier answer never overwrites a later one.
import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import type { Page } from '../api/types'
import { localState, urlState, type ListState, type UrlStateOptions } from './listState'
import { apiQuery, DEFAULT_PAGE_SIZE, PAGE_SIZES, type FilterValues, type ListQuery } from './query'

export type PageFetcher<T> = (query: ListQuery) => Promise<Page<T>>

export interface PagedListOptions<F extends FilterValues> {
  /** The filters and their defaults (all strings; "" is no filter). */
  filters?: F
  /** Default 20. */
  pageSize?: number
  /** Keep filters, page and page size in the route's query. */
  url?: boolean | Omit<UrlStateOptions, 'pageSize'>
  /** Accumulate pages (infinite scroll) instead of showing one. */
  append?: boolean
  /** Load at once (default: true for tables; false when appending, where
   * the list component asks for the first page). */
  immediate?: boolean
  /** Told about a failed load (e.g. to toast it). */
  onError?: (e: unknown) => void
}

export function usePagedList<T, F extends FilterValues = FilterValues>(fetchPage: PageFetcher<T>, opts: PagedListOptions<F> = {}) {
  const defaults = (opts.filters ?? {}) as F
  const pageSize = opts.pageSize ?? DEFAULT_PAGE_SIZE
  const state: ListState<F> = opts.url
    ? urlState(defaults, { ...(opts.url === true ? {} : opts.url), pageSize })
    : localState(defaults, { pageSize })
  const items = shallowRef<T[]>([]) as Ref<T[]>
  const total = ref(0)
  const loading = ref(false)
  /** The first answer (since the last start-over) has arrived. */
  const loaded = ref(false)
  /** Appending: every page is in. */
  const finished = ref(false)
  const error = shallowRef<unknown>(null)
  let seq = 0
  let appended = 0 // appending: pages in items

  async function fetchInto(page: number, keep: T[]): Promise<void> {
    const mine = ++seq
    loading.value = true
    error.value = null
    try {
      const res = await fetchPage(apiQuery(state.applied.value, page, state.pageSize.value))
      if (mine !== seq) return
      const got = res.items ?? []
      items.value = [...keep, ...got]
      total.value = res.total ?? items.value.length
      appended = page
      finished.value = got.length < state.pageSize.value || items.value.length >= total.value
    } catch (e) {
      if (mine !== seq) return
      error.value = e
      if (!opts.append) {
        items.value = []
        total.value = 0
      }
      opts.onError?.(e)
    } finally {
      if (mine === seq) {
        loading.value = false
        loaded.value = true
      }
    }
  }

  /** Loads the current page again (table) or the next one (append; a
   * no-op once finished). */
  function load(): Promise<void> {
    if (!opts.append) return fetchInto(state.page.value, [])
    if (finished.value) {
      loading.value = false
      return Promise.resolve()
    }
    return fetchInto(appended + 1, items.value)
  }

  /** Starts over from page 1 with the applied filters. */
  async function refresh(): Promise<void> {
    if (!opts.append) {
      if (state.page.value === 1) return load()
      await state.setPage(1)
      return
    }
    seq += 1 // an answer still on its way is for the old list
    appended = 0
    items.value = []
    total.value = 0
    finished.value = false
    error.value = null
    loaded.value = false
    return load()
  }

  const source = opts.append
    ? () => state.applied.value
    : () => apiQuery(state.applied.value, state.page.value, state.pageSize.value)
  watch(
    source,
    () => {
      if (state.active.value) void (opts.append ? refresh() : load())
    },
    { immediate: opts.immediate ?? !opts.append, deep: true },
  )

  return {
    ...state,
    pageSizes: PAGE_SIZES,
    items,
    total,
    loading,
    loaded,
    finished,
    error,
    /** error as a flag, for van-list's v-model:error (clearing it clears the error). */
    failed: computed({
      get: () => error.value !== null,
      set: (v: boolean) => {
        if (!v) error.value = null
      },
    }),
    load,
    refresh,
  }
}

export type PagedList<T, F extends FilterValues = FilterValues> = ReturnType<typeof usePagedList<T, F>>
