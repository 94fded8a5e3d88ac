// Whether the shopper is a distributor, or has applied to become one.
// 403 not_a_distributor and 404 (no application) are answers, not errors.
import { ref } from 'vue'
import { api, call } from '@/api/client'
import type { Application, DistributorMe } from '@/api/types'

export function useDistributor() {
  const distributor = ref<DistributorMe | null>(null)
  const application = ref<Application | null>(null)
  const loaded = ref(false)

  async function load(): Promise<void> {
    distributor.value = await call(api.GET('/api/shop/distributor/me'), { silent: true }).catch(() => null)
    application.value = distributor.value
      ? null
      : await call(api.GET('/api/shop/distributor/application'), { silent: true }).catch(() => null)
    loaded.value = true
  }

  return { distributor, application, loaded, load }
}
