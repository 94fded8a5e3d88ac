import { ref, shallowRef, type Ref } from 'vue'
import { errorText } from '@/i18n'
import { showError } from '@/utils/notify'

/** useResource loads one thing (a detail page's record, a dashboard):
 * `data`, `loading`, `failed` (the failure's text, "" when none) and load().
 * A detail page keeps what it showed when a reload fails and toasts the
 * failure (`toast`); a report clears it (`clearOnError`). */
export function useResource<T>(fetch: () => Promise<T>, opts: { toast?: boolean; clearOnError?: boolean } = {}) {
  const data = shallowRef<T | null>(null) as Ref<T | null>
  const loading = ref(false)
  const failed = ref('')
  async function load() {
    loading.value = true
    try {
      data.value = await fetch()
      failed.value = ''
    } catch (e) {
      if (opts.clearOnError) data.value = null
      failed.value = errorText(e)
      if (opts.toast) showError(e)
    } finally {
      loading.value = false
    }
  }
  return { data, loading, failed, load }
}
