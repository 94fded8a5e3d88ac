import { ElMessage } from 'element-plus'
import { isApiError } from '@/api/errors'

/** showError toasts the API's message (or the error's own). An expired
 * session is not toasted (the router sends the admin to the login page);
 * wrong credentials at login are. */
export function showError(e: unknown): void {
  if (isApiError(e) && e.status === 401 && e.reason !== 'invalid_credentials') return
  const message = e instanceof Error ? e.message : String(e)
  ElMessage({ type: 'error', message, grouping: true, showClose: true })
}

export function showSuccess(message: string): void {
  ElMessage({ type: 'success', message, grouping: true })
}
