import { ElMessageBox } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { formatFen } from '@fenxiao/shared/money'
import { client, call } from '@/api'
import type { Withdrawal } from '@/api/types'
import { askText, runAction } from '@/utils/notify'

/** Approve (password re-entry), reject and fail (reason) a withdrawal;
 * each resolves true when it changed. */
export function useWithdrawalActions() {
  const { t } = useI18n()
  const path = (w: Withdrawal) => ({ params: { path: { id: String(w.id) } } })

  const approve = (w: Withdrawal) =>
    runAction(async () => {
      const { value } = await ElMessageBox.prompt(
        t('withdrawal.approvePrompt', { amount: formatFen(w.amount), net: formatFen(w.net), account: w.payout_masked ?? '' }),
        t('withdrawal.approve'),
        { inputType: 'password', inputPlaceholder: t('common.passwordAgain'), inputValidator: (v) => (v ? true : t('common.passwordRequired')), confirmButtonText: t('withdrawal.approve'), cancelButtonText: t('common.cancel') },
      )
      await call(client.POST('/api/admin/withdrawals/{id}/approve', { ...path(w), body: { password: value } }))
    }, t('withdrawal.approved'))

  const withReason = (kind: 'reject' | 'fail', w: Withdrawal) =>
    runAction(async () => {
      const body = { reason: await askText(t(`withdrawal.${kind}Prompt`), t(`withdrawal.${kind}`), { textarea: true }) }
      await call(kind === 'reject'
        ? client.POST('/api/admin/withdrawals/{id}/reject', { ...path(w), body })
        : client.POST('/api/admin/withdrawals/{id}/fail', { ...path(w), body }))
    }, t('common.done'))

  const cancelPayout = (w: Withdrawal) =>
    runAction(async () => {
      await ElMessageBox.confirm(t('withdrawal.cancelPayoutConfirm'), t('withdrawal.cancelPayout'), {
        type: 'warning', confirmButtonText: t('withdrawal.cancelPayout'), cancelButtonText: t('common.cancel'),
      })
      await call(client.POST('/api/admin/withdrawals/{id}/cancel-payout', path(w)))
    }, t('common.done'))

  return { approve, cancelPayout, reject: (w: Withdrawal) => withReason('reject', w), fail: (w: Withdrawal) => withReason('fail', w) }
}
