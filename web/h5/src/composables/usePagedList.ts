// Server-side paging for infinite-scroll lists (van-list): load() fetches
// the next page, finished turns true when total is reached or a short page
// arrives, refresh() starts over (pull-to-refresh, filter changes).
import { ref, shallowRef, type Ref } from 'vue'
import type { Page } from '@/api/types'

export type PageFetcher<T> = (page: number, pageSize: number) => Promise<Page<T>>

export function usePagedList<T>(fetchPage: PageFetcher<T>, pageSize = 10) {
  const items = shallowRef<T[]>([]) as Ref<T[]>
  const loading = ref(false)
  const finished = ref(false)
  const error = ref(false)
  const total = ref(0)
  /** True until the first page has answered: show a skeleton, not an empty state. */
  const initial = ref(true)
  let page = 0
  let generation = 0

  async function load(): Promise<void> {
    if (finished.value) {
      loading.value = false
      return
    }
    const gen = generation
    loading.value = true
    error.value = false
    try {
      const res = await fetchPage(page + 1, pageSize)
      if (gen !== generation) return // a refresh started meanwhile
      const got = res.items ?? []
      page += 1
      items.value = [...items.value, ...got]
      total.value = res.total ?? items.value.length
      finished.value = got.length < pageSize || items.value.length >= total.value
    } catch {
      if (gen === generation) error.value = true
    } finally {
      if (gen === generation) {
        loading.value = false
        initial.value = false
      }
    }
  }

  /** Start over from page 1 and load it. */
  async function refresh(): Promise<void> {
    generation += 1
    page = 0
    items.value = []
    total.value = 0
    finished.value = false
    error.value = false
    initial.value = true
    await load()
  }

  return { items, loading, finished, error, total, initial, load, refresh }
}
