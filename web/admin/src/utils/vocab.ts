// Status vocabularies of the API (their labels live in i18n under status.*).
export const ORDER_STATUSES = ['pending_payment', 'paid', 'shipped', 'completed', 'cancelled', 'refunded'] as const
export const REFUND_STATUSES = ['pending', 'refunded', 'rejected'] as const
export const COMMISSION_STATUSES = ['pending', 'settled', 'reversed'] as const
export const WITHDRAWAL_STATUSES = ['pending', 'approved', 'rejected', 'paid', 'failed'] as const
export const DISTRIBUTOR_STATUSES = ['active', 'frozen', 'removed'] as const
export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const
export const SHOPPER_STATUSES = ['active', 'banned', 'deleted'] as const
export const ALERT_STATUSES = ['open', 'resolved'] as const
export const PRODUCT_STATUSES = ['on_shelf', 'off_shelf'] as const
export const LEDGER_KINDS = ['pending', 'available', 'withdrawing', 'paid_out'] as const
export const ROLES = ['super', 'operator'] as const
export const STATEMENT_STATUSES = ['balanced', 'mismatched', 'failed'] as const
export const PROVIDERS = ['wechatpay', 'alipay'] as const

/** anyStatus reads a review queue's status filter: its default is a status
 * (e.g. pending), so "all" stands for no status filter. */
export function anyStatus<Q extends { status?: string }>(query: Q): Q {
  const { status, ...rest } = query
  return (status === 'all' ? rest : { ...rest, status }) as Q
}
