import type { paths } from './schema'

// Named shapes taken from the generated document: never hand-copied.
type Json<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer R } } }
}
  ? R
  : never
type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer R } }
}
  ? R
  : never
type Item<T> = T extends { items?: (infer I)[] } ? I : never

export type Me = Json<'/api/admin/me', 'get'>
export type AdminUser = NonNullable<Me['admin']>
export type OrderPage = Json<'/api/admin/orders', 'get'>
export type OrderRow = Item<OrderPage>
export type OrderDetail = Json<'/api/admin/orders/{id}', 'get'>
export type OrderEvent = NonNullable<OrderDetail['events']>[number]
export type OrderLine = NonNullable<OrderDetail['lines']>[number]
export type PaymentAttempt = NonNullable<OrderDetail['payments']>[number]
export type Refund = Item<Json<'/api/admin/refunds', 'get'>>
export type Product = Json<'/api/admin/products/{id}', 'get'>
export type ProductInput = Body<'/api/admin/products', 'post'>
export type SkuInput = NonNullable<ProductInput['skus']>[number]
export type Category = NonNullable<Json<'/api/admin/categories', 'get'>['items']>[number]
export type Distributor = Item<Json<'/api/admin/distributors', 'get'>>
export type DistributorDetail = Json<'/api/admin/distributors/{id}', 'get'>
export type BindingChange = NonNullable<DistributorDetail['binding_history']>[number]
export type TeamMember = Item<Json<'/api/admin/distributors/{id}/team', 'get'>>
export type Customer = Item<Json<'/api/admin/distributors/{id}/customers', 'get'>>
export type Ledger = Json<'/api/admin/distributors/{id}/ledger', 'get'>
export type LedgerEntry = Item<NonNullable<Ledger['entries']>>
export type Application = Item<Json<'/api/admin/distributor-applications', 'get'>>
export type Level = Json<'/api/admin/distributor-levels', 'get'>[number]
export type LevelInput = Body<'/api/admin/distributor-levels', 'post'>
export type Commission = Item<Json<'/api/admin/commissions', 'get'>>
export type Withdrawal = Item<Json<'/api/admin/withdrawals', 'get'>>
export type Shopper = Item<Json<'/api/admin/shoppers', 'get'>>
export type ExportJob = Json<'/api/admin/exports/{id}', 'get'>
export type ExportKind = Body<'/api/admin/exports', 'post'>['kind']
export type AuditEntry = Item<Json<'/api/admin/audit-log', 'get'>>
export type PaymentAlert = Item<Json<'/api/admin/payment-alerts', 'get'>>
export type ReferralSettings = Json<'/api/admin/referral/settings', 'get'>
export type OrderSettings = Json<'/api/admin/settings/order', 'get'>
export type WithdrawalSettings = Json<'/api/admin/settings/withdrawal', 'get'>
export type CommissionSettings = Json<'/api/admin/settings/commission', 'get'>
export type Dashboard = Json<'/api/admin/dashboard', 'get'>
export type DashboardTotals = NonNullable<Dashboard['totals']>
export type DashboardPoint = NonNullable<Dashboard['series']>[number]
export type TopDistributor = NonNullable<Dashboard['top_distributors']>[number]
export type DashboardRange = 'today' | '7d' | '30d'
export type Leaderboard = Json<'/api/admin/leaderboard', 'get'>
export type OrderCommission = NonNullable<OrderDetail['commission']>
export type PaymentSettings = Json<'/api/admin/settings/payments', 'get'>
export type WechatPayInput = Body<'/api/admin/settings/payments/wechatpay', 'put'>
export type AlipayInput = Body<'/api/admin/settings/payments/alipay', 'put'>
export type PayoutSettings = Json<'/api/admin/settings/withdrawal-payout', 'get'>
export type Statement = Item<Json<'/api/admin/statements', 'get'>>
export type StatementMismatch = Item<NonNullable<Json<'/api/admin/statements/{id}/mismatches', 'get'>['mismatches']>>
