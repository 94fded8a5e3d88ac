import { ElMessageBox } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { client, call } from '@/api'
import type { Refund } from '@/api/types'
import { formatFen } from '@fenxiao/shared/money'
import { showError, showSuccess } from '@/utils/notify'

function dismissed(e: unknown) {
  return e === 'cancel' || e === 'close'
}

/** Refund review: approve (confirm) or reject (reason required). Each
 * resolves true when the refund changed. */
export function useRefundActions() {
  const { t } = useI18n()
  const path = (r: Refund) => ({ params: { path: { id: String(r.id) } } })

  async function approve(r: Refund): Promise<boolean> {
    try {
      await ElMessageBox.confirm(t('refund.approveConfirm', { amount: formatFen(r.amount) }), t('refund.approve'), {
        type: 'warning', confirmButtonText: t('refund.approve'), cancelButtonText: t('common.cancel'),
      })
      await call(client.POST('/api/admin/refunds/{id}/approve', path(r)))
      showSuccess(t('refund.approved'))
      return true
    } catch (e) {
      if (!dismissed(e)) showError(e)
      return false
    }
  }

  async function reject(r: Refund): Promise<boolean> {
    try {
      const { value } = await ElMessageBox.prompt(t('refund.rejectPrompt'), t('refund.reject'), {
        inputType: 'textarea',
        inputValidator: (v) => (v?.trim() ? true : t('common.reasonRequired')),
        confirmButtonText: t('refund.reject'), cancelButtonText: t('common.cancel'),
      })
      await call(client.POST('/api/admin/refunds/{id}/reject', { ...path(r), body: { reason: value.trim() } }))
      showSuccess(t('refund.rejected'))
      return true
    } catch (e) {
      if (!dismissed(e)) showError(e)
      return false
    }
  }
  return { approve, reject }
}
