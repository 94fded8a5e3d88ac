import { ElMessageBox } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { client, call } from '@/api'
import type { Withdrawal } from '@/api/types'
import { formatFen } from '@fenxiao/shared/money'
import { showError, showSuccess } from '@/utils/notify'

/** Approve (password re-entry), reject and fail (reason) a withdrawal;
 * each resolves true when it changed. */
export function useWithdrawalActions() {
  const { t } = useI18n()
  const path = (w: Withdrawal) => ({ params: { path: { id: String(w.id) } } })
  const dismissed = (e: unknown) => e === 'cancel' || e === 'close'

  async function approve(w: Withdrawal) {
    try {
      const { value } = await ElMessageBox.prompt(
        t('withdrawal.approvePrompt', { amount: formatFen(w.amount), net: formatFen(w.net), account: w.payout_masked ?? '' }),
        t('withdrawal.approve'),
        { inputType: 'password', inputPlaceholder: t('common.passwordAgain'), inputValidator: (v) => (v ? true : t('common.passwordRequired')), confirmButtonText: t('withdrawal.approve'), cancelButtonText: t('common.cancel') },
      )
      await call(client.POST('/api/admin/withdrawals/{id}/approve', { ...path(w), body: { password: value } }))
      showSuccess(t('withdrawal.approved'))
      return true
    } catch (e) {
      if (!dismissed(e)) showError(e)
      return false
    }
  }

  async function withReason(kind: 'reject' | 'fail', w: Withdrawal) {
    try {
      const { value } = await ElMessageBox.prompt(t(`withdrawal.${kind}Prompt`), t(`withdrawal.${kind}`), {
        inputType: 'textarea', inputValidator: (v) => (v?.trim() ? true : t('common.reasonRequired')),
        confirmButtonText: t(`withdrawal.${kind}`), cancelButtonText: t('common.cancel'),
      })
      const body = { reason: value.trim() }
      await call(kind === 'reject'
        ? client.POST('/api/admin/withdrawals/{id}/reject', { ...path(w), body })
        : client.POST('/api/admin/withdrawals/{id}/fail', { ...path(w), body }))
      showSuccess(t('common.done'))
      return true
    } catch (e) {
      if (!dismissed(e)) showError(e)
      return false
    }
  }
  async function cancelPayout(w: Withdrawal) {
    try {
      await ElMessageBox.confirm(t('withdrawal.cancelPayoutConfirm'), t('withdrawal.cancelPayout'), {
        type: 'warning', confirmButtonText: t('withdrawal.cancelPayout'), cancelButtonText: t('common.cancel'),
      })
      await call(client.POST('/api/admin/withdrawals/{id}/cancel-payout', path(w)))
      showSuccess(t('common.done'))
      return true
    } catch (e) {
      if (!dismissed(e)) showError(e)
      return false
    }
  }
  return { approve, cancelPayout, reject: (w: Withdrawal) => withReason('reject', w), fail: (w: Withdrawal) => withReason('fail', w) }
}
