// Distributor routes: becoming a distributor, and the distributor centre
// (/centre and its pages). Every centre page needs a logged-in shopper; the
// centre home sends non-distributors to the application page.
import type { RouteRecordRaw } from 'vue-router'

export const centreRoutes: RouteRecordRaw[] = [
  { path: '/distributor/apply', name: 'distributor-apply', component: () => import('@/pages/centre/DistributorApply.vue'), meta: { title: 'centre.applyTitle', auth: true } },
  { path: '/centre', name: 'centre', component: () => import('@/pages/centre/CentreHome.vue'), meta: { title: 'centre.title', auth: true } },
  { path: '/centre/commissions', name: 'centre-commissions', component: () => import('@/pages/centre/CommissionsPage.vue'), meta: { title: 'centre.commission.title', auth: true } },
  { path: '/centre/orders', name: 'centre-orders', component: () => import('@/pages/centre/CentreOrders.vue'), meta: { title: 'centre.orders.title', auth: true } },
  { path: '/centre/customers', name: 'centre-customers', component: () => import('@/pages/centre/CustomersPage.vue'), meta: { title: 'centre.customers.title', auth: true } },
  { path: '/centre/team', name: 'centre-team', component: () => import('@/pages/centre/TeamPage.vue'), meta: { title: 'centre.team.title', auth: true } },
  { path: '/centre/leaderboard', name: 'centre-leaderboard', component: () => import('@/pages/centre/LeaderboardPage.vue'), meta: { title: 'centre.board.title', auth: true } },
  { path: '/centre/notifications', name: 'centre-notifications', component: () => import('@/pages/centre/NotificationsPage.vue'), meta: { title: 'centre.notif.title', auth: true } },
  { path: '/centre/payout-accounts', name: 'centre-payout-accounts', component: () => import('@/pages/centre/PayoutAccounts.vue'), meta: { title: 'centre.account.title', auth: true } },
  { path: '/centre/withdraw', name: 'centre-withdraw', component: () => import('@/pages/centre/WithdrawPage.vue'), meta: { title: 'centre.wd.title', auth: true } },
  { path: '/centre/withdrawals', name: 'centre-withdrawals', component: () => import('@/pages/centre/WithdrawalsPage.vue'), meta: { title: 'centre.wd.historyTitle', auth: true } },
  { path: '/centre/invite', name: 'centre-invite', component: () => import('@/pages/centre/InvitePage.vue'), meta: { title: 'centre.invite.title', auth: true } },
  { path: '/centre/shop', name: 'centre-shop', component: () => import('@/pages/centre/MyShop.vue'), meta: { title: 'centre.shop.title', auth: true } },
]
