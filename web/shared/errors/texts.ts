// The text a person sees for a failed call. The API's messages are English:
// known reasons and generic codes get the reader's language (messages.ts),
// anything else shows the server's message as sent.
import { isApiError, type ApiError, type ErrorCode } from '../api/errors'

/** The part of a vue-i18n composer the texts need (i18n.global). */
export interface Translator {
  t: (key: string, named?: Record<string, unknown>) => string
  te: (key: string) => boolean
}

const GENERIC_CODES: ErrorCode[] = ['unauthenticated', 'rate_limited', 'unavailable', 'internal', 'too_large']

export function errorTexts(tr: Translator) {
  function translated(e: ApiError): string {
    const named = { status: e.status, minutes: Math.max(1, Math.ceil((e.retryAfter ?? 0) / 60)) }
    if (e.reason && tr.te(`errors.reason.${e.reason}`)) return tr.t(`errors.reason.${e.reason}`, named)
    if (GENERIC_CODES.includes(e.code)) return tr.t(`errors.code.${e.code}`, named)
    return ''
  }

  /** The text to show for an error: a translation by reason or generic
   * code, else the API's message (any other thrown value: its message). */
  function errorText(e: unknown): string {
    if (!isApiError(e)) return e instanceof Error ? e.message : String(e)
    if (e.code === 'network') return tr.t('errors.network')
    if (e.code === 'bad_response') return tr.t('errors.server', { status: e.status })
    return translated(e) || e.message || tr.t('errors.server', { status: e.status })
  }

  /** Field errors for a form: the server's, with a translated reason on
   * its field when exactly one field failed. */
  function fieldErrors(e: ApiError): Record<string, string> {
    const out = { ...e.fields }
    const tr = translated(e)
    const names = Object.keys(out)
    if (tr && names.length === 1) out[names[0]] = tr
    return out
  }

  return { errorText, fieldErrors }
}
