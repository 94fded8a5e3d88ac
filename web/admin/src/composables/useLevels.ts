import { shallowRef } from 'vue'
import { client, call } from '@/api'
import type { Level } from '@/api/types'
import { showError } from '@/utils/notify'

/** useLevels loads the distributor levels once per component for names. */
export function useLevels() {
  const levels = shallowRef<Level[]>([])
  const reload = () =>
    call(client.GET('/api/admin/distributor-levels'))
      .then((r) => (levels.value = r ?? []))
      .catch(showError)
  void reload()
  const levelName = (id?: number | null) => (id ? levels.value.find((l) => l.id === id)?.name ?? `#${id}` : '—')
  return { levels, levelName, reload }
}
