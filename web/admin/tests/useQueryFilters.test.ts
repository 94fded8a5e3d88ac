import { describe, expect, it } from 'vitest'
import { effectScope, nextTick } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { apiQuery, readFilters, readPage, readPageSize, useQueryFilters, writeFilters } from '@/composables/useQueryFilters'

const Empty = { render: () => null }

async function makeRouter(path: string) {
  const router = createRouter({
    history: createMemoryHistory('/admin/'),
    routes: [
      { path: '/orders', name: 'orders', component: Empty },
      { path: '/products', name: 'products', component: Empty },
    ],
  })
  await router.push(path)
  await router.isReady()
  return router
}

const defaults = { status: '', order_no: '', kind: 'all' }

describe('pure helpers', () => {
  it('reads filters from the query, keeping defaults for absent keys', () => {
    expect(readFilters({ status: 'paid', other: 'x' }, defaults)).toEqual({ status: 'paid', order_no: '', kind: 'all' })
    expect(readFilters({ status: ['shipped', 'paid'] }, defaults).status).toBe('shipped')
  })
  it('leaves defaults, blanks and page 1 out of the URL', () => {
    expect(writeFilters({ status: 'paid', order_no: '  ', kind: 'all' }, defaults)).toEqual({ status: 'paid' })
    expect(writeFilters({ ...defaults, order_no: 'N1 ' }, defaults, 3, 50)).toEqual({ order_no: 'N1', page: '3', page_size: '50' })
  })
  it('reads sane page numbers and sizes', () => {
    expect(readPage({ page: '4' })).toBe(4)
    expect(readPage({ page: '-1' })).toBe(1)
    expect(readPage({ page: 'x' })).toBe(1)
    expect(readPageSize({ page_size: '50' })).toBe(50)
    expect(readPageSize({ page_size: '500' })).toBe(20)
    expect(readPageSize({}, 10)).toBe(10)
  })
  it('builds the API query without empty filters', () => {
    expect(apiQuery({ status: '', order_no: 'N1' }, 2, 20)).toEqual({ order_no: 'N1', page: '2', page_size: '20' })
  })
})

describe('useQueryFilters', () => {
  it('fills the form from the URL on load', async () => {
    const router = await makeRouter('/orders?status=paid&page=2')
    const scope = effectScope()
    const q = scope.run(() => useQueryFilters(defaults, { router }))!
    expect(q.filters.status).toBe('paid')
    expect(q.page.value).toBe(2)
    expect(q.query.value).toEqual({ status: 'paid', kind: 'all', page: '2', page_size: '20' })
    scope.stop()
  })

  it('apply() pushes the form to the URL and goes back to page 1', async () => {
    const router = await makeRouter('/orders?page=3')
    const scope = effectScope()
    const q = scope.run(() => useQueryFilters(defaults, { router }))!
    q.filters.order_no = 'FX2026'
    q.filters.status = 'shipped'
    await q.apply()
    expect(router.currentRoute.value.fullPath).toBe('/orders?status=shipped&order_no=FX2026')
    expect(q.page.value).toBe(1)
    expect(q.applied.value.order_no).toBe('FX2026')
    scope.stop()
  })

  it('setPage and setPageSize keep the applied filters, not unsaved edits', async () => {
    const router = await makeRouter('/orders?status=paid')
    const scope = effectScope()
    const q = scope.run(() => useQueryFilters(defaults, { router }))!
    q.filters.order_no = 'typed but not applied'
    await q.setPage(4)
    expect(router.currentRoute.value.query).toEqual({ status: 'paid', page: '4' })
    await q.setPageSize(50)
    expect(router.currentRoute.value.query).toEqual({ status: 'paid', page_size: '50' })
    scope.stop()
  })

  it('reset() clears filters and the URL', async () => {
    const router = await makeRouter('/orders?status=paid&order_no=N&page=2')
    const scope = effectScope()
    const q = scope.run(() => useQueryFilters(defaults, { router }))!
    await q.reset()
    expect(router.currentRoute.value.fullPath).toBe('/orders')
    expect(q.filters).toEqual(defaults)
    scope.stop()
  })

  it('back/forward navigation refills the form', async () => {
    const router = await makeRouter('/orders')
    const scope = effectScope()
    const q = scope.run(() => useQueryFilters(defaults, { router }))!
    q.filters.status = 'paid'
    await q.apply()
    q.filters.status = 'completed'
    await q.apply()
    router.back()
    await new Promise((r) => setTimeout(r, 10))
    await nextTick()
    expect(router.currentRoute.value.query.status).toBe('paid')
    expect(q.filters.status).toBe('paid')
    scope.stop()
  })

  it('ignores query changes once its page is left', async () => {
    const router = await makeRouter('/orders?status=paid')
    const scope = effectScope()
    const q = scope.run(() => useQueryFilters(defaults, { router }))!
    await router.push('/products?status=on_shelf')
    await nextTick()
    expect(q.active.value).toBe(false)
    expect(q.filters.status).toBe('paid')
    scope.stop()
  })
})
