// A notification's title and body in the shopper's language. The server
// stores them in Chinese; here they are rendered from i18n templates
// (notification.<kind>.*) and the notification's data, which carries the
// values each kind needs (internal/distribution/notify and the callers that build them):
//
//   application_approved  invite_code
//   application_rejected  reason
//   new_customer          buyer (nickname or masked phone)
//   new_order             order_no, estimated_commission (fen)
//   commission_settled    amount (fen)
//   clawback              amount (fen)
//   withdrawal_approved   amount (fen); with action "confirm_receipt": net (fen)
//   withdrawal_rejected   amount (fen), reason (older notices: only in the stored body)
//   withdrawal_paid       net (fen)
//   new_team_member       member (nickname or masked phone)
//
// An unknown kind, or a missing or malformed value, shows the stored text.
import { formatFen } from '@fenxiao/shared/money'

/** What a notification needs to be shown; the API's Notification fits. */
export interface NotificationLike {
  kind?: string
  title?: string
  body?: string
  data?: Record<string, unknown>
}

/** A translate function such as vue-i18n's t. */
export type Translate = (key: string, named: Record<string, unknown>) => string

export interface NotificationText {
  title: string
  body: string
}

type Data = Record<string, unknown>
/** Messages notification.<key>.title and notification.<key>.<body> (default "body"), and the body's values. */
type Template = { key: string; body?: string; values: Record<string, string> }

function text(d: Data, k: string): string | undefined {
  const v = d[k]
  return typeof v === 'string' && v !== '' ? v : undefined
}

function fen(d: Data, k: string): string | undefined {
  const v = d[k]
  return typeof v === 'number' && Number.isInteger(v) ? formatFen(v) : undefined
}

/** One template with one value, or null when that value is missing. */
function one(key: string, name: string, value: string | undefined): Template | null {
  return value === undefined ? null : { key, values: { [name]: value } }
}

// The reason of a withdrawal_rejected is in data.reason; notices stored
// before it was added only have it at the end of the body, after "原因：".
const REASON_MARK = '原因：'

function storedReason(body = ''): string {
  const at = body.indexOf(REASON_MARK)
  return at < 0 ? '' : body.slice(at + REASON_MARK.length).trim()
}

type Build = (d: Data, n: NotificationLike) => Template | null

const TEMPLATES = new Map<string, Build>([
  ['application_approved', (d) => one('application_approved', 'code', text(d, 'invite_code'))],
  ['application_rejected', (d) => one('application_rejected', 'reason', text(d, 'reason'))],
  ['new_customer', (d) => one('new_customer', 'buyer', text(d, 'buyer'))],
  [
    'new_order',
    (d) => {
      const orderNo = text(d, 'order_no')
      const amount = fen(d, 'estimated_commission')
      return orderNo && amount ? { key: 'new_order', values: { orderNo, amount } } : null
    },
  ],
  ['commission_settled', (d) => one('commission_settled', 'amount', fen(d, 'amount'))],
  ['clawback', (d) => one('clawback', 'amount', fen(d, 'amount'))],
  [
    'withdrawal_approved',
    (d) =>
      d.action === 'confirm_receipt'
        ? one('withdrawal_confirm', 'amount', fen(d, 'net'))
        : one('withdrawal_approved', 'amount', fen(d, 'amount')),
  ],
  [
    'withdrawal_rejected',
    (d, n): Template | null => {
      const amount = fen(d, 'amount')
      if (!amount) return null
      const reason = text(d, 'reason') ?? storedReason(n.body)
      return reason
        ? { key: 'withdrawal_rejected', body: 'bodyReason', values: { amount, reason } }
        : { key: 'withdrawal_rejected', values: { amount } }
    },
  ],
  ['withdrawal_paid', (d) => one('withdrawal_paid', 'amount', fen(d, 'net'))],
  ['new_team_member', (d) => one('new_team_member', 'member', text(d, 'member'))],
])

/** The title and body to show for n, translated by t; the stored text when the kind or its data is unknown. */
export function notificationText(n: NotificationLike, t: Translate): NotificationText {
  const build = n.kind ? TEMPLATES.get(n.kind) : undefined
  const tpl = build?.(n.data ?? {}, n)
  if (!tpl) return { title: n.title ?? '', body: n.body ?? '' }
  return {
    title: t(`notification.${tpl.key}.title`, {}),
    body: t(`notification.${tpl.key}.${tpl.body ?? 'body'}`, tpl.values),
  }
}
