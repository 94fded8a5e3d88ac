import { ElMessage, ElMessageBox } from 'element-plus'
import { isApiError } from '@fenxiao/shared/api/errors'
import { errorText, i18n } from '@/i18n'

/** showError toasts what went wrong (the API's error in the admin's
 * language). An expired session is not toasted (the router sends the
 * admin to the login page); wrong credentials at login are. */
export function showError(e: unknown): void {
  if (isApiError(e) && e.status === 401 && e.reason !== 'invalid_credentials') return
  ElMessage({ type: 'error', message: errorText(e), grouping: true, showClose: true })
}

export function showSuccess(message: string): void {
  ElMessage({ type: 'success', message, grouping: true })
}

/** runAction runs an action that may ask first (an ElMessageBox): closing
 * the box ("cancel" or "close") is no failure, any other failure is toasted,
 * and `done` is toasted when the action went through. Resolves whether it did. */
export async function runAction(action: () => Promise<unknown>, done?: string): Promise<boolean> {
  try {
    await action()
    if (done) showSuccess(done)
    return true
  } catch (e) {
    if (e !== 'cancel' && e !== 'close') showError(e)
    return false
  }
}

/** confirmAndDelete asks before deleting, deletes and says so; resolves
 * whether it deleted (closing the box is no failure). */
export function confirmAndDelete(message: string, remove: () => Promise<unknown>): Promise<boolean> {
  const { t } = i18n.global
  return runAction(async () => {
    await ElMessageBox.confirm(message, t('common.delete'), { type: 'warning', confirmButtonText: t('common.delete'), cancelButtonText: t('common.cancel') })
    await remove()
  }, t('common.deleted'))
}

/** askText asks for a text (a reason, a note) in a message box and resolves
 * it trimmed; it rejects when the box is closed. The text is required
 * unless `required` is false (its message defaults to "reason required");
 * the confirm button says `confirm` (default: the title). */
export async function askText(
  message: string,
  title: string,
  opts: { confirm?: string; required?: string | false; textarea?: boolean } = {},
): Promise<string> {
  const { t } = i18n.global
  const required = opts.required ?? t('common.reasonRequired')
  const { value } = await ElMessageBox.prompt(message, title, {
    inputType: opts.textarea ? 'textarea' : 'text',
    inputValidator: (v) => (required === false || v?.trim() ? true : required),
    confirmButtonText: opts.confirm ?? title,
    cancelButtonText: t('common.cancel'),
  })
  return (value ?? '').trim()
}
