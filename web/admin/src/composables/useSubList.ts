import { ref, shallowRef } from 'vue'
import type { Page } from './usePagedList'
import { showError } from '@/utils/notify'

/** useSubList pages a secondary list inside a detail page (tabs): paging
 * stays local, the detail page's URL keeps only the tab. */
export function useSubList<T>(fetchPage: (query: { page: string; page_size: string }) => Promise<Page<T>>, pageSize = 10) {
  const rows = shallowRef<T[]>([])
  const total = ref(0)
  const page = ref(1)
  const size = ref(pageSize)
  const loading = ref(false)
  const error = ref('')

  async function load(p = page.value) {
    page.value = p
    loading.value = true
    try {
      const res = await fetchPage({ page: String(page.value), page_size: String(size.value) })
      rows.value = res.items ?? []
      total.value = res.total ?? 0
      error.value = ''
    } catch (e) {
      error.value = (e as Error).message
      showError(e)
    } finally {
      loading.value = false
    }
  }
  function setSize(s: number) {
    size.value = s
    void load(1)
  }
  return { rows, total, page, size, loading, error, load, setSize }
}
