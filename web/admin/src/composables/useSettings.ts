import { reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useFieldErrors } from './useFieldErrors'
import { showError, showSuccess } from '@/utils/notify'

/** useSettings loads one settings object into a form and saves it back;
 * field errors from the API land in `errors`. */
export function useSettings<T extends object, F extends object>(opts: {
  load: () => Promise<T>
  save: (body: T) => Promise<T>
  toForm: (v: T) => F
  toBody: (f: F, errors: Record<string, string>) => T | null
  empty: F
}) {
  const { t } = useI18n()
  const form = reactive({ ...opts.empty }) as F
  const loading = ref(true)
  const saving = ref(false)
  const { errors, run, clear } = useFieldErrors()

  opts
    .load()
    .then((v) => Object.assign(form, opts.toForm(v)))
    .catch(showError)
    .finally(() => (loading.value = false))

  async function save() {
    clear()
    const local: Record<string, string> = {}
    const body = opts.toBody(form as F, local)
    if (!body) {
      for (const [k, v] of Object.entries(local)) errors[k] = t(v)
      return
    }
    saving.value = true
    const res = await run(() => opts.save(body))
    saving.value = false
    if (!res) return
    Object.assign(form, opts.toForm(res))
    showSuccess(t('common.saved'))
  }
  return { form, loading, saving, errors, save }
}
