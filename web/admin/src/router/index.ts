import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { auth } from '@/stores/auth'
import { showError } from '@/utils/notify'
import { t } from '@/i18n'
import AppLayout from '@/layout/AppLayout.vue'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    super?: boolean
    title?: string
    /** the menu entry to highlight (detail pages point at their list) */
    menu?: string
  }
}

const children: RouteRecordRaw[] = [
  { path: '', redirect: { name: 'dashboard' } },
  { path: 'dashboard', name: 'dashboard', component: () => import('@/views/dashboard/DashboardView.vue'), meta: { title: 'menu.dashboard' } },
  { path: 'leaderboard', name: 'leaderboard', component: () => import('@/views/dashboard/LeaderboardView.vue'), meta: { title: 'menu.leaderboard' } },
  { path: 'orders', name: 'orders', component: () => import('@/views/orders/OrderList.vue'), meta: { title: 'menu.orders' } },
  { path: 'orders/:id', name: 'order', component: () => import('@/views/orders/OrderDetail.vue'), meta: { title: 'order.detailTitle', menu: 'orders' } },
  { path: 'refunds', name: 'refunds', component: () => import('@/views/orders/RefundList.vue'), meta: { title: 'menu.refunds' } },
  { path: 'payment-alerts', name: 'paymentAlerts', component: () => import('@/views/orders/PaymentAlerts.vue'), meta: { title: 'menu.paymentAlerts' } },
  { path: 'products', name: 'products', component: () => import('@/views/products/ProductList.vue'), meta: { title: 'menu.products' } },
  { path: 'products/new', name: 'productNew', component: () => import('@/views/products/ProductEdit.vue'), meta: { title: 'product.createTitle', menu: 'products' } },
  { path: 'products/:id', name: 'product', component: () => import('@/views/products/ProductEdit.vue'), meta: { title: 'product.editTitle', menu: 'products' } },
  { path: 'categories', name: 'categories', component: () => import('@/views/products/CategoryList.vue'), meta: { title: 'menu.categories' } },
  { path: 'applications', name: 'applications', component: () => import('@/views/distributors/ApplicationList.vue'), meta: { title: 'menu.applications' } },
  { path: 'distributors', name: 'distributors', component: () => import('@/views/distributors/DistributorList.vue'), meta: { title: 'menu.distributors' } },
  { path: 'distributors/:id', name: 'distributor', component: () => import('@/views/distributors/DistributorDetail.vue'), meta: { title: 'distributor.detailTitle', menu: 'distributors' } },
  { path: 'shoppers', name: 'shoppers', component: () => import('@/views/distributors/ShopperList.vue'), meta: { title: 'menu.shoppers' } },
  { path: 'levels', name: 'levels', component: () => import('@/views/distributors/LevelList.vue'), meta: { title: 'menu.levels' } },
  { path: 'commissions', name: 'commissions', component: () => import('@/views/finance/CommissionList.vue'), meta: { title: 'menu.commissions' } },
  { path: 'withdrawals', name: 'withdrawals', component: () => import('@/views/finance/WithdrawalList.vue'), meta: { title: 'menu.withdrawals' } },
  { path: 'settings/referral', name: 'settingsReferral', component: () => import('@/views/settings/ReferralSettings.vue'), meta: { title: 'menu.settingsReferral' } },
  { path: 'settings/commission', name: 'settingsCommission', component: () => import('@/views/settings/CommissionSettings.vue'), meta: { title: 'menu.settingsCommission' } },
  { path: 'settings/order', name: 'settingsOrder', component: () => import('@/views/settings/OrderSettings.vue'), meta: { title: 'menu.settingsOrder' } },
  { path: 'settings/withdrawal', name: 'settingsWithdrawal', component: () => import('@/views/settings/WithdrawalSettings.vue'), meta: { title: 'menu.settingsWithdrawal', super: true } },
  { path: 'settings/payments', name: 'settingsPayments', component: () => import('@/views/payments/PaymentSettings.vue'), meta: { title: 'menu.settingsPayments', super: true } },
  { path: 'statements', name: 'statements', component: () => import('@/views/payments/StatementList.vue'), meta: { title: 'menu.statements' } },
  { path: 'admins', name: 'admins', component: () => import('@/views/system/AdminList.vue'), meta: { title: 'menu.admins', super: true } },
  { path: 'audit-log', name: 'auditLog', component: () => import('@/views/system/AuditLog.vue'), meta: { title: 'menu.auditLog' } },
  { path: 'exports', name: 'exports', component: () => import('@/views/system/ExportList.vue'), meta: { title: 'menu.exports' } },
  { path: ':pathMatch(.*)*', name: 'notFound', component: () => import('@/views/NotFound.vue'), meta: { title: 'common.notFound' } },
]

export const router = createRouter({
  history: createWebHistory('/admin/'),
  routes: [
    { path: '/login', name: 'login', component: () => import('@/views/auth/LoginView.vue'), meta: { public: true, title: 'login.title' } },
    { path: '/password', name: 'password', component: () => import('@/views/auth/ChangePassword.vue'), meta: { title: 'password.title' } },
    { path: '/', component: AppLayout, children },
  ],
  scrollBehavior: () => ({ top: 0 }),
})

router.beforeEach(async (to) => {
  let loggedIn = false
  try {
    loggedIn = await auth.load()
  } catch (e) {
    showError(e)
  }
  if (to.meta.public) return loggedIn && !auth.mustChangePassword.value ? { name: 'dashboard' } : true
  if (!loggedIn) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  if (auth.mustChangePassword.value && to.name !== 'password') return { name: 'password' }
  if (to.meta.super && !auth.isSuper.value) return { name: 'dashboard' }
  return true
})

router.afterEach((to) => {
  const title = to.meta.title ? t(to.meta.title) : ''
  document.title = title ? `${title} · ${t('app.name')}` : t('app.name')
})
