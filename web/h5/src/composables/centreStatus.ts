// How the distributor centre names the server's states: withdrawal status
// and payout state, commission status, tier and unlock reason, as i18n keys.
// Unknown values fall back to a generic key rather than a raw code.

/** The fields of a withdrawal that decide how it is shown. */
export interface WithdrawalState {
  status?: string
  payout_state?: string
  payout_kind?: string
  provider?: string
}

export const WITHDRAWAL_STATUSES = ['pending', 'approved', 'rejected', 'paid', 'failed'] as const
export type WithdrawalStatus = (typeof WITHDRAWAL_STATUSES)[number]

function known<T extends string>(list: readonly T[], v: string | undefined): v is T {
  return v !== undefined && (list as readonly string[]).includes(v)
}

/** centre.wd.status.<status> (待审核 / 已通过 / 已拒绝 / 已打款 / 打款失败). */
export function withdrawalStatusKey(w: WithdrawalState): string {
  return known(WITHDRAWAL_STATUSES, w.status) ? `centre.wd.status.${w.status}` : 'centre.wd.status.unknown'
}

/** Vant tag type for the status. */
export function withdrawalTone(w: WithdrawalState): 'primary' | 'success' | 'warning' | 'danger' | 'default' {
  switch (w.status) {
    case 'pending':
      return 'warning'
    case 'approved':
      return 'primary'
    case 'paid':
      return 'success'
    case 'rejected':
    case 'failed':
      return 'danger'
    default:
      return 'default'
  }
}

/** A WeChat transfer that waits for the distributor to confirm receipt in WeChat. */
export function needsReceiptConfirm(w: WithdrawalState): boolean {
  return w.status === 'approved' && w.payout_state === 'wait_user_confirm'
}

const PAYOUT_STATES = ['queued', 'sending', 'processing', 'wait_user_confirm', 'canceling'] as const

/** A line under an approved withdrawal while its provider payout runs; '' when none applies. */
export function payoutHintKey(w: WithdrawalState): string {
  if (w.status !== 'approved') return ''
  if (known(PAYOUT_STATES, w.payout_state)) return `centre.wd.payout.${w.payout_state}`
  return w.provider === 'manual' || !w.payout_state ? 'centre.wd.payout.manual' : ''
}

export const COMMISSION_STATUSES = ['pending', 'settled', 'reversed'] as const

/** centre.commission.status.<status> (待结算 / 已结算 / 已退回). */
export function commissionStatusKey(status: string | undefined): string {
  return known(COMMISSION_STATUSES, status) ? `centre.commission.status.${status}` : 'centre.commission.status.unknown'
}

/** centre.commission.tier1 / tier2 (一级 / 二级). */
export function tierKey(tier: number | undefined): string {
  return tier === 2 ? 'centre.commission.tier2' : 'centre.commission.tier1'
}

// unlock_reason as the server words it (centre.Unlock* constants).
const UNLOCK_REASONS: Record<string, string> = {
  'awaiting delivery confirmation': 'centre.commission.unlock.awaiting',
  'after-sales window ends': 'centre.commission.unlock.afterSales',
  refunded: 'centre.commission.unlock.refunded',
}

/** The i18n key of a pending or reversed record's unlock line; '' when none. */
export function unlockReasonKey(reason: string | null | undefined): string {
  return reason ? (UNLOCK_REASONS[reason] ?? '') : ''
}

export const PAYOUT_KINDS = ['wechat', 'alipay', 'bank'] as const
export type PayoutKind = (typeof PAYOUT_KINDS)[number]

/** Vant icon of a payout account kind. */
export function payoutIcon(kind: string | undefined): string {
  if (kind === 'wechat') return 'wechat'
  if (kind === 'alipay') return 'alipay'
  return 'credit-pay'
}
