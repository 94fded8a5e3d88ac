import { ref, shallowRef, watch } from 'vue'
import type { FilterValues, QueryFilters } from './useQueryFilters'
import { showError } from '@/utils/notify'
import type { ApiError } from '@/api'

export interface Page<T> {
  items?: T[]
  total?: number
}

/** usePagedList loads one server-side page whenever the URL query changes
 * (only while its route is shown); a slower earlier answer never overwrites
 * a later one. */
export function usePagedList<F extends FilterValues, T>(
  q: QueryFilters<F>,
  fetchPage: (query: Record<string, string>) => Promise<Page<T>>,
) {
  const rows = shallowRef<T[]>([])
  const total = ref(0)
  const loading = ref(false)
  const loaded = ref(false)
  const error = shallowRef<ApiError | null>(null)
  let seq = 0

  async function reload() {
    const mine = ++seq
    loading.value = true
    try {
      const res = await fetchPage(q.query.value)
      if (mine !== seq) return
      rows.value = res.items ?? []
      total.value = res.total ?? 0
      error.value = null
    } catch (e) {
      if (mine !== seq) return
      error.value = e as ApiError
      rows.value = []
      total.value = 0
      showError(e)
    } finally {
      if (mine === seq) {
        loading.value = false
        loaded.value = true
      }
    }
  }

  watch(
    () => q.query.value,
    () => {
      if (q.active.value) void reload()
    },
    { immediate: true, deep: true },
  )

  return { rows, total, loading, loaded, error, reload }
}
