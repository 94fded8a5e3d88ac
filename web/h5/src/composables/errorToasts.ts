// Every failed API call shows the server's message in a toast (unless the
// caller said silent); a 401 drops the session and sends the shopper to log in.
import { showFailToast } from 'vant'
import type { Router } from 'vue-router'
import { onApiError } from '@/api/client'
import type { ApiError } from '@/api/errors'
import { i18n, t } from '@/i18n'
import { dropSession } from './useSession'

// The API's messages are English; known reasons and generic codes get the
// shopper's language, anything else shows the server's message as sent.
const GENERIC_CODES = ['unauthenticated', 'rate_limited', 'unavailable', 'internal', 'too_large']

function translated(e: ApiError): string {
  const te = i18n.global.te as (key: string) => boolean
  if (e.reason && te(`errors.reason.${e.reason}`)) return t(`errors.reason.${e.reason}`)
  if (GENERIC_CODES.includes(e.code)) return t(`errors.code.${e.code}`)
  return ''
}

/** The text to show for an error: a translation by reason, else the API's message. */
export function errorText(e: ApiError): string {
  if (e.code === 'network') return t('common.networkError')
  if (e.code === 'bad_response') return t('common.serverError', { status: e.status })
  return translated(e) || e.message || t('common.serverError', { status: e.status })
}

/** Field errors for a form: the server's, with a translated reason on its field. */
export function fieldErrors(e: ApiError): Record<string, string> {
  const out = { ...e.fields }
  const tr = translated(e)
  const names = Object.keys(out)
  if (tr && names.length === 1) out[names[0]] = tr
  return out
}

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
