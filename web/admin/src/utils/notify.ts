import { ElMessage } from 'element-plus'
import { isApiError } from '@fenxiao/shared/api/errors'
import { errorText } from '@/i18n'

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
