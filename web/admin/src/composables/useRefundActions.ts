import { ElMessageBox } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { formatFen } from '@fenxiao/shared/money'
import { client, call } from '@/api'
import type { Refund } from '@/api/types'
import { askText, runAction } from '@/utils/notify'

/** Refund review: approve (confirm) or reject (reason required). Each
 * resolves true when the refund changed. */
export function useRefundActions() {
  const { t } = useI18n()
  const path = (r: Refund) => ({ params: { path: { id: String(r.id) } } })

  const approve = (r: Refund) =>
    runAction(async () => {
      await ElMessageBox.confirm(t('refund.approveConfirm', { amount: formatFen(r.amount) }), t('refund.approve'), {
        type: 'warning', confirmButtonText: t('refund.approve'), cancelButtonText: t('common.cancel'),
      })
      await call(client.POST('/api/admin/refunds/{id}/approve', path(r)))
    }, t('refund.approved'))

  const reject = (r: Refund) =>
    runAction(async () => {
      const reason = await askText(t('refund.rejectPrompt'), t('refund.reject'), { textarea: true })
      await call(client.POST('/api/admin/refunds/{id}/reject', { ...path(r), body: { reason } }))
    }, t('refund.rejected'))

  return { approve, reject }
}
