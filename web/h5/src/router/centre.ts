// Distributor routes. The distributor centre itself (/centre and its pages)
// is built separately; this file holds becoming a distributor and the
// centre's entry placeholder, to be replaced by the centre's own routes.
import type { RouteRecordRaw } from 'vue-router'

export const centreRoutes: RouteRecordRaw[] = [
  { path: '/distributor/apply', name: 'distributor-apply', component: () => import('@/pages/centre/DistributorApply.vue'), meta: { title: 'centre.applyTitle', auth: true } },
  { path: '/centre', name: 'centre', component: () => import('@/pages/centre/CentreHome.vue'), meta: { title: 'centre.title', auth: true } },
]
