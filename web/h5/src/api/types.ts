// Named shapes from the generated schema, so pages import `Order` rather
// than spelling out paths. Never hand-copy fields here: derive them.
import type { Body, Item, Ok } from '@fenxiao/shared/api/types'

export type Me = Ok<'/api/shop/me', 'get'>
export type Shopper = NonNullable<Me['shopper']>
export type Category = Item<Ok<'/api/shop/categories', 'get'>>
export type ProductList = Ok<'/api/shop/products', 'get'>
export type ProductSummary = Item<ProductList>
export type ProductDetail = Ok<'/api/shop/products/{id}', 'get'>
export type Sku = NonNullable<ProductDetail['skus']>[number]
export type SpecDef = NonNullable<ProductDetail['specs']>[number]
export type Cart = Ok<'/api/shop/cart', 'get'>
export type CartLine = NonNullable<Cart['items']>[number]
export type Address = Ok<'/api/shop/addresses/{id}', 'get'>
export type AddressInput = Body<'/api/shop/addresses', 'post'>
export type Order = Ok<'/api/shop/orders/{id}', 'get'>
export type OrderLine = NonNullable<Order['lines']>[number]
export type OrderEvent = NonNullable<Order['events']>[number]
export type Refund = NonNullable<Order['refunds']>[number]
export type OrderSummary = Item<Ok<'/api/shop/orders', 'get'>>
export type PayMethod = Item<Ok<'/api/shop/orders/{id}/pay-methods', 'get'>>
export type PayStart = Ok<'/api/shop/orders/{id}/pay', 'post'>
export type PublicShop = Ok<'/api/shop/s/{code}', 'get'>
export type VisitResult = Ok<'/api/shop/referral/visit', 'post'>
export type Application = Ok<'/api/shop/distributor/application', 'get'>
export type DistributorMe = Ok<'/api/shop/distributor/me', 'get'>
export type CentreSummary = Ok<'/api/shop/distributor/summary', 'get'>
export type WithdrawalRules = Ok<'/api/shop/distributor/withdrawal-rules', 'get'>
export type CommissionRecord = Item<Ok<'/api/shop/distributor/commissions', 'get'>>
export type CentreOrder = Item<Ok<'/api/shop/distributor/orders', 'get'>>
export type Customer = Item<Ok<'/api/shop/distributor/customers', 'get'>>
export type BindingEvent = Item<Ok<'/api/shop/distributor/binding-history', 'get'>>
export type TeamMember = Item<Ok<'/api/shop/distributor/team', 'get'>>
export type Leaderboard = Ok<'/api/shop/distributor/leaderboard', 'get'>
export type LeaderboardEntry = NonNullable<Leaderboard['top']>[number]
export type DistributorLinks = Ok<'/api/shop/distributor/links', 'get'>
export type ShopSettings = Ok<'/api/shop/distributor/shop', 'get'>
export type FeaturedItem = NonNullable<ShopSettings['featured']>[number]
export type PayoutAccount = Ok<'/api/shop/distributor/payout-accounts', 'get'>[number]
export type PayoutAccountInput = Body<'/api/shop/distributor/payout-accounts', 'post'>
export type Withdrawal = Item<Ok<'/api/shop/distributor/withdrawals', 'get'>>
export type Notification = Item<Ok<'/api/shop/notifications', 'get'>>
export type SharePoster = Ok<'/api/shop/referral/poster', 'get'>

export type OrderStatus = 'pending_payment' | 'paid' | 'shipped' | 'completed' | 'cancelled' | 'refunded'
