// Store routes: catalogue, cart, checkout, payment, orders, account.
// meta.auth: needs a logged-in shopper (the guard sends to /login and back).
// meta.title: an i18n key for document.title.
import type { RouteRecordRaw } from 'vue-router'
import TabLayout from '@/layouts/TabLayout.vue'
import Home from '@/pages/store/Home.vue'

export const storeRoutes: RouteRecordRaw[] = [
  {
    path: '/',
    component: TabLayout,
    children: [
      { path: '', name: 'home', component: Home, meta: { title: 'nav.home' } },
      { path: 'category', name: 'category', component: () => import('@/pages/store/Category.vue'), meta: { title: 'nav.category' } },
      { path: 'cart', name: 'cart', component: () => import('@/pages/store/CartPage.vue'), meta: { title: 'nav.cart', auth: true } },
      { path: 'me', name: 'me', component: () => import('@/pages/me/MePage.vue'), meta: { title: 'nav.me' } },
    ],
  },
  { path: '/search', name: 'search', component: () => import('@/pages/store/SearchPage.vue'), meta: { title: 'search.title' } },
  { path: '/product/:id(\\d+)', name: 'product', component: () => import('@/pages/store/ProductPage.vue'), meta: { title: 'product.title' } },
  { path: '/login', name: 'login', component: () => import('@/pages/store/LoginPage.vue'), meta: { title: 'auth.title' } },
  { path: '/auth/wechat', name: 'wechat-callback', component: () => import('@/pages/store/WeChatCallback.vue'), meta: { title: 'auth.title' } },
  { path: '/s/:code', name: 'share', component: () => import('@/pages/store/ShareLanding.vue'), meta: { title: 'referral.title' } },
  { path: '/checkout', name: 'checkout', component: () => import('@/pages/store/CheckoutPage.vue'), meta: { title: 'checkout.title', auth: true } },
  { path: '/pay/:orderId(\\d+)', name: 'pay', component: () => import('@/pages/store/PayPage.vue'), meta: { title: 'pay.title', auth: true } },
  { path: '/pay/result', name: 'pay-result', component: () => import('@/pages/store/PayResult.vue'), meta: { title: 'pay.resultTitle', auth: true } },
  { path: '/orders', name: 'orders', component: () => import('@/pages/order/OrderList.vue'), meta: { title: 'order.listTitle', auth: true } },
  { path: '/orders/:id(\\d+)', name: 'order', component: () => import('@/pages/order/OrderDetail.vue'), meta: { title: 'order.detailTitle', auth: true } },
  { path: '/orders/:id(\\d+)/refund', name: 'refund', component: () => import('@/pages/order/RefundApply.vue'), meta: { title: 'refund.title', auth: true } },
  { path: '/addresses', name: 'addresses', component: () => import('@/pages/me/AddressesPage.vue'), meta: { title: 'address.listTitle', auth: true } },
  { path: '/addresses/new', name: 'address-new', component: () => import('@/pages/me/AddressEdit.vue'), meta: { title: 'address.newTitle', auth: true } },
  { path: '/addresses/:id(\\d+)', name: 'address-edit', component: () => import('@/pages/me/AddressEdit.vue'), meta: { title: 'address.editTitle', auth: true } },
  { path: '/profile', name: 'profile', component: () => import('@/pages/me/ProfilePage.vue'), meta: { title: 'profile.title', auth: true } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/pages/store/NotFound.vue'), meta: { title: 'common.notFound' } },
]
