import { nextTick, reactive } from 'vue'
import { isApiError } from '@fenxiao/shared/api/errors'
import { fieldErrors } from '@/i18n'
import { showError } from '@/utils/notify'

/** useFieldErrors keeps the API's per-field messages for a form: bind
 * `:error="errors.field"` on el-form-item and wrap the submit in run(). */
export function useFieldErrors() {
  const errors = reactive<Record<string, string>>({})
  function clear() {
    for (const k of Object.keys(errors)) delete errors[k]
  }
  async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    clear()
    try {
      return await fn()
    } catch (e) {
      if (isApiError(e) && e.hasFields()) {
        Object.assign(errors, fieldErrors(e))
        void nextTick(scrollToFirstError)
      }
      showError(e)
      return undefined
    }
  }
  return { errors, clear, run }
}

/** scrollToFirstError brings the first field with an error into view. */
export function scrollToFirstError() {
  if (typeof document === 'undefined') return
  document.querySelector('.el-form-item.is-error')?.scrollIntoView({ behavior: 'smooth', block: 'center' })
}
