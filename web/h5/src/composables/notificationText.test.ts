import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zh from '@/i18n/zh-CN'
import en from '@/i18n/en'
import { notificationText, type NotificationLike, type Translate } from './notificationText'

function translator(locale: 'zh-CN' | 'en'): Translate {
  const i18n = createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages: { 'zh-CN': zh, en } })
  return i18n.global.t
}
const t = { 'zh-CN': translator('zh-CN'), en: translator('en') }

// Each kind with the data its Go builder writes (internal/referral/events.go,
// internal/distribution/notify/builders.go, internal/distribution/commission, internal/distribution/withdrawal).
const cases: { name: string; n: NotificationLike; zh: [string, string]; en: [string, string] }[] = [
  {
    name: 'application_approved',
    n: { kind: 'application_approved', data: { distributor_id: 7, invite_code: 'AB12CD' } },
    zh: ['你已成为分销员', '邀请码 AB12CD，分享你的店铺链接即可开始推广'],
    en: ['You are now a distributor', 'Your invite code is AB12CD. Share your shop link to start promoting.'],
  },
  {
    name: 'application_rejected',
    n: { kind: 'application_rejected', data: { application_id: 3, reason: '资料不全' } },
    zh: ['分销员申请未通过', '原因：资料不全'],
    en: ['Distributor application not approved', 'Reason: 资料不全'],
  },
  {
    name: 'new_customer',
    n: { kind: 'new_customer', data: { buyer: '138****0000' } },
    zh: ['新客户', '138****0000 成为了你的客户'],
    en: ['New customer', '138****0000 is now your customer'],
  },
  {
    name: 'new_order',
    n: { kind: 'new_order', data: { order_id: 9, order_no: 'FX2024010100001', tier: 1, estimated_commission: 1234 } },
    zh: ['新订单', '订单 FX2024010100001 预计为你带来佣金 ¥12.34'],
    en: ['New order', 'Order FX2024010100001 should earn you an estimated ¥12.34 in commission'],
  },
  {
    name: 'commission_settled',
    n: { kind: 'commission_settled', data: { order_id: 9, record_id: 4, tier: 2, amount: 500 } },
    zh: ['佣金已结算', '¥5.00 佣金已转为可提现'],
    en: ['Commission settled', '¥5.00 of commission is now available to withdraw'],
  },
  {
    name: 'clawback',
    n: { kind: 'clawback', data: { order_id: 9, refund_id: 2, tier: 1, amount: 99 } },
    zh: ['佣金退回', '订单退款，已结算佣金 ¥0.99 被扣回'],
    en: ['Commission clawed back', 'An order was refunded, so ¥0.99 of settled commission was taken back'],
  },
  {
    name: 'withdrawal_approved',
    n: { kind: 'withdrawal_approved', data: { withdrawal_id: 5, amount: 123456, net: 123000 } },
    zh: ['提现已审核通过', '您的 ¥1,234.56 提现已通过审核，正在打款。'],
    en: ['Withdrawal approved', 'Your withdrawal of ¥1,234.56 has been approved and is being paid out.'],
  },
  {
    name: 'withdrawal_approved, confirm receipt',
    n: { kind: 'withdrawal_approved', data: { withdrawal_id: 5, amount: 10000, net: 9900, action: 'confirm_receipt' } },
    zh: ['请确认收款', '您的 ¥99.00 提现已转出，请在 24 小时内打开提现记录，在微信中确认收款，逾期将退回可提现余额。'],
    en: [
      'Please confirm receipt',
      'Your withdrawal of ¥99.00 has been sent. Within 24 hours, open your withdrawal records and confirm receipt in WeChat, or the amount returns to your available balance.',
    ],
  },
  {
    name: 'withdrawal_rejected, reason from the stored body',
    n: {
      kind: 'withdrawal_rejected',
      body: '您的 100.00 元提现未成功，金额已退回可提现余额。原因：账户信息有误',
      data: { withdrawal_id: 5, amount: 10000, net: 9900 },
    },
    zh: ['提现未成功', '您的 ¥100.00 提现未成功，金额已退回可提现余额。原因：账户信息有误'],
    en: ['Withdrawal unsuccessful', 'Your withdrawal of ¥100.00 did not go through; the amount is back in your available balance. Reason: 账户信息有误'],
  },
  {
    name: 'withdrawal_rejected, reason in data',
    n: {
      kind: 'withdrawal_rejected',
      body: '您的 100.00 元提现未成功，金额已退回可提现余额。原因：账户信息有误',
      data: { withdrawal_id: 5, amount: 10000, net: 9900, reason: 'account name mismatch' },
    },
    zh: ['提现未成功', '您的 ¥100.00 提现未成功，金额已退回可提现余额。原因：account name mismatch'],
    en: ['Withdrawal unsuccessful', 'Your withdrawal of ¥100.00 did not go through; the amount is back in your available balance. Reason: account name mismatch'],
  },
  {
    name: 'withdrawal_rejected, no reason',
    n: { kind: 'withdrawal_rejected', body: '您的 100.00 元提现未成功，金额已退回可提现余额。原因：', data: { withdrawal_id: 5, amount: 10000, net: 9900 } },
    zh: ['提现未成功', '您的 ¥100.00 提现未成功，金额已退回可提现余额。'],
    en: ['Withdrawal unsuccessful', 'Your withdrawal of ¥100.00 did not go through; the amount is back in your available balance.'],
  },
  {
    name: 'withdrawal_paid',
    n: { kind: 'withdrawal_paid', data: { withdrawal_id: 5, amount: 10000, net: 9900 } },
    zh: ['提现已到账', '您的提现已打款 ¥99.00。'],
    en: ['Withdrawal paid', 'Your withdrawal has been paid: ¥99.00.'],
  },
  {
    name: 'new_team_member',
    n: { kind: 'new_team_member', data: { distributor_id: 8, member: '小明' } },
    zh: ['团队新成员', '小明 加入了你的团队'],
    en: ['New team member', '小明 joined your team'],
  },
]

describe('notificationText', () => {
  it.each(cases)('$name', ({ n, zh: zhText, en: enText }) => {
    const stored = { ...n, title: 'stored title', body: n.body ?? 'stored body' }
    expect(notificationText(stored, t['zh-CN'])).toEqual({ title: zhText[0], body: zhText[1] })
    expect(notificationText(stored, t.en)).toEqual({ title: enText[0], body: enText[1] })
  })

  it('covers every kind the server sends', () => {
    const kinds = new Set(cases.map((c) => c.n.kind))
    for (const k of [
      'application_approved',
      'application_rejected',
      'new_customer',
      'new_order',
      'commission_settled',
      'clawback',
      'withdrawal_approved',
      'withdrawal_rejected',
      'withdrawal_paid',
      'new_team_member',
    ]) {
      expect(kinds.has(k)).toBe(true)
    }
  })

  it.each<[string, NotificationLike]>([
    ['an unknown kind', { kind: 'price_drop', data: { amount: 100 } }],
    ['no kind', { data: { amount: 100 } }],
    ['an inherited property name as kind', { kind: 'constructor', data: {} }],
    ['no data', { kind: 'clawback' }],
    ['a missing amount', { kind: 'commission_settled', data: { order_id: 9 } }],
    ['an amount that is not an integer', { kind: 'clawback', data: { amount: 12.5 } }],
    ['an amount sent as a string', { kind: 'withdrawal_paid', data: { net: '9900' } }],
    ['a missing order number', { kind: 'new_order', data: { estimated_commission: 100 } }],
    ['an empty name', { kind: 'new_customer', data: { buyer: '' } }],
    ['an empty reject reason', { kind: 'application_rejected', data: { reason: '' } }],
    ['a receipt request without net', { kind: 'withdrawal_approved', data: { amount: 100, action: 'confirm_receipt' } }],
  ])('shows the stored text for %s', (_, n) => {
    const stored = { ...n, title: '服务端标题', body: '服务端正文' }
    for (const tr of [t['zh-CN'], t.en]) {
      expect(notificationText(stored, tr)).toEqual({ title: '服务端标题', body: '服务端正文' })
    }
  })

  it('shows empty strings when nothing is known', () => {
    expect(notificationText({}, t.en)).toEqual({ title: '', body: '' })
  })
})
