// Every failed API call shows its text (errorText: the shared translations
// by reason and code) in a toast, unless the caller said silent; a 401 drops
// the session and sends the shopper to log in.
import { showFailToast } from 'vant'
import type { Router } from 'vue-router'
import { onApiError } from '@/api/client'
import { errorText } from '@/i18n'
import { dropSession } from './useSession'

export function installErrorToasts(router: Router): void {
  onApiError((e, opts) => {
    if (e.code === 'unauthenticated') {
      dropSession()
      const cur = router.currentRoute.value
      if (cur.meta.auth && cur.name !== 'login') {
        router.replace({ name: 'login', query: { redirect: cur.fullPath } })
        return
      }
    }
    if (!opts.silent) showFailToast({ message: errorText(e), wordBreak: 'break-word' })
  })
}
