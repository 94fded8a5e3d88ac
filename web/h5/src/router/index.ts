import { createRouter, createWebHistory } from 'vue-router'
import { ensureSession, useSession } from '@/composables/useSession'
import { t } from '@/i18n'
import { storeRoutes } from './store'
import { centreRoutes } from './centre'

declare module 'vue-router' {
  interface RouteMeta {
    /** Needs a logged-in shopper. */
    auth?: boolean
    /** i18n key of the page title. */
    title?: string
  }
}

export const router = createRouter({
  history: createWebHistory('/'),
  // centre routes first: the store's catch-all must stay last
  routes: [...centreRoutes, ...storeRoutes],
  scrollBehavior(_to, _from, saved) {
    return saved ?? { top: 0 }
  },
})

router.beforeEach(async (to) => {
  if (!to.meta.auth) {
    void ensureSession() // warm up, do not block public pages
    return true
  }
  await ensureSession()
  if (useSession().loggedIn.value) return true
  return { name: 'login', query: { redirect: to.fullPath } }
})

router.afterEach((to) => {
  const shop = t('common.shopName')
  document.title = to.meta.title ? `${t(to.meta.title)} - ${shop}` : shop
})
