// Order actions shared by the list and the detail page: each asks first,
// calls the API (errors toast) and returns the updated order or null.
import { showConfirmDialog, showSuccessToast } from 'vant'
import { api, call } from '@/api/client'
import type { Order, OrderLine, OrderStatus } from '@/api/types'
import { t } from '@/i18n'

async function ask(message: string): Promise<boolean> {
  try {
    await showConfirmDialog({ message })
    return true
  } catch {
    return false
  }
}

export async function cancelOrder(id: number): Promise<Order | null> {
  if (!(await ask(t('order.cancelConfirm')))) return null
  try {
    const o = await call(api.POST('/api/shop/orders/{id}/cancel', { params: { path: { id: String(id) } } }))
    showSuccessToast(t('order.cancelled'))
    return o
  } catch {
    return null
  }
}

export async function confirmReceipt(id: number): Promise<Order | null> {
  if (!(await ask(t('order.confirmReceiptConfirm')))) return null
  try {
    const o = await call(api.POST('/api/shop/orders/{id}/confirm', { params: { path: { id: String(id) } } }))
    showSuccessToast(t('order.received'))
    return o
  } catch {
    return null
  }
}

/** Units of a line that may still be refunded (bought minus refunded minus in-flight requests). */
export function refundableQty(line: OrderLine, order: Pick<Order, 'refunds'>): number {
  const inFlight = (order.refunds ?? [])
    .filter((r) => r.status === 'pending' || r.status === 'processing')
    .flatMap((r) => r.lines ?? [])
    .filter((l) => l.order_line_id === line.id)
    .reduce((n, l) => n + (l.quantity ?? 0), 0)
  return Math.max(0, (line.quantity ?? 0) - (line.refunded_qty ?? 0) - inFlight)
}

export function canRefund(order: Order | OrderSummaryLike): boolean {
  const s = order.status as OrderStatus
  return (s === 'paid' || s === 'shipped' || s === 'completed') && (order.lines ?? []).some((l) => refundableQty(l, order) > 0)
}

type OrderSummaryLike = Pick<Order, 'status' | 'lines' | 'refunds'>

/** Vant tag type for a status. */
export function statusTone(s: string | undefined): 'primary' | 'success' | 'warning' | 'danger' | 'default' {
  switch (s) {
    case 'pending_payment':
      return 'danger'
    case 'paid':
    case 'shipped':
      return 'warning'
    case 'completed':
      return 'success'
    default:
      return 'default'
  }
}
