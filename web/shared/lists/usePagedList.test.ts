import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { usePagedList, type PagedListOptions } from './usePagedList'
import type { FilterValues, ListQuery } from './query'

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

/** A server of `total` numbered rows that records every query it gets. */
function server(total: number) {
  const queries: ListQuery[] = []
  const fetch = vi.fn(async (q: ListQuery) => {
    queries.push(q)
    const page = Number(q.page)
    const size = Number(q.page_size)
    const start = (page - 1) * size
    const items = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => start + i)
    return { items, total, page, page_size: size }
  })
  return { queries, fetch, pages: () => queries.map((q) => Number(q.page)) }
}

/** Lets pending promises and watchers run. */
const settle = async () => {
  for (let i = 0; i < 5; i++) {
    await nextTick()
    await new Promise((r) => setTimeout(r, 0))
  }
}

let scope = effectScope()
afterEach(() => scope.stop())

function list<T, F extends FilterValues>(fetch: (q: ListQuery) => Promise<{ items?: T[]; total?: number }>, opts: PagedListOptions<F>) {
  scope = effectScope()
  return scope.run(() => usePagedList<T, F>(fetch, opts))!
}

const orderFilters = { status: '', order_no: '', kind: 'all' }

describe('a table kept in the URL', () => {
  it('fills the form from the URL and loads that page at once', async () => {
    const router = await makeRouter('/orders?status=paid&page=2')
    const s = server(50)
    const l = list(s.fetch, { filters: orderFilters, url: { router } })
    expect(l.filters.status).toBe('paid')
    expect(l.page.value).toBe(2)
    await settle()
    expect(s.queries).toEqual([{ status: 'paid', kind: 'all', page: '2', page_size: '20' }])
    expect(l.items.value[0]).toBe(20)
    expect([l.total.value, l.loading.value, l.loaded.value]).toEqual([50, false, true])
  })

  it('apply() pushes the form to the URL, back on page 1, and loads it', async () => {
    const router = await makeRouter('/orders?page=3')
    const s = server(50)
    const l = list(s.fetch, { filters: orderFilters, url: { router } })
    l.filters.order_no = ' FX2026 '
    l.filters.status = 'shipped'
    await l.apply()
    await settle()
    expect(router.currentRoute.value.fullPath).toBe('/orders?status=shipped&order_no=FX2026')
    expect(l.page.value).toBe(1)
    expect(l.applied.value.order_no).toBe('FX2026')
    expect(s.queries.at(-1)).toEqual({ status: 'shipped', order_no: 'FX2026', kind: 'all', page: '1', page_size: '20' })
  })

  it('setPage and setPageSize keep the applied filters, not unsaved edits', async () => {
    const router = await makeRouter('/orders?status=paid')
    const s = server(200)
    const l = list(s.fetch, { filters: orderFilters, url: { router } })
    l.filters.order_no = 'typed but not applied'
    await l.setPage(4)
    expect(router.currentRoute.value.query).toEqual({ status: 'paid', page: '4' })
    await l.setPageSize(50)
    expect(router.currentRoute.value.query).toEqual({ status: 'paid', page_size: '50' })
    await settle()
    expect(s.queries.map((q) => [q.page, q.page_size, q.order_no])).toEqual([
      ['1', '20', undefined],
      ['4', '20', undefined],
      ['1', '50', undefined],
    ])
  })

  it('reset() clears the filters and the URL', async () => {
    const router = await makeRouter('/orders?status=paid&order_no=N&page=2')
    const l = list(server(0).fetch, { filters: orderFilters, url: { router } })
    await l.reset()
    expect(router.currentRoute.value.fullPath).toBe('/orders')
    expect(l.filters).toEqual(orderFilters)
  })

  it('back/forward navigation refills the form and reloads', async () => {
    const router = await makeRouter('/orders')
    const s = server(5)
    const l = list(s.fetch, { filters: orderFilters, url: { router } })
    l.filters.status = 'paid'
    await l.apply()
    l.filters.status = 'completed'
    await l.apply()
    router.back()
    await settle()
    expect(router.currentRoute.value.query.status).toBe('paid')
    expect(l.filters.status).toBe('paid')
    expect(s.queries.map((q) => q.status)).toEqual([undefined, 'paid', 'completed', 'paid'])
  })

  it('ignores query changes once its page is left', async () => {
    const router = await makeRouter('/orders?status=paid')
    const s = server(5)
    const l = list(s.fetch, { filters: orderFilters, url: { router } })
    await settle()
    await router.push('/products?status=on_shelf')
    await settle()
    expect(l.active.value).toBe(false)
    expect(l.filters.status).toBe('paid')
    expect(s.queries).toHaveLength(1)
  })

  it('applyFilter sets one filter and applies the whole form', async () => {
    const router = await makeRouter('/orders?page=2')
    const l = list(server(0).fetch, { filters: orderFilters, url: { router } })
    l.filters.order_no = 'N1'
    await l.applyFilter('status', 'paid')
    expect(l.filters.status).toBe('paid')
    expect(router.currentRoute.value.query).toEqual({ status: 'paid', order_no: 'N1' })
  })

  it('can replace the history entry instead of pushing one', async () => {
    const router = await makeRouter('/orders')
    await router.push('/orders?status=paid')
    const l = list(server(0).fetch, { filters: { status: '' }, url: { router, replace: true } })
    l.filters.status = 'shipped'
    await l.apply()
    router.back()
    await settle()
    expect(router.currentRoute.value.fullPath).toBe('/orders')
  })
})

describe('a table kept in the component', () => {
  it('loads at once; apply and setPage reload; refresh goes back to page 1', async () => {
    const s = server(30)
    const l = list(s.fetch, { filters: { kind: '' }, pageSize: 10 })
    await settle()
    await l.setPage(3)
    await settle()
    l.filters.kind = ' paid_out '
    await l.apply()
    await settle()
    await l.setPage(2)
    await settle()
    await l.refresh()
    await settle()
    await l.refresh() // on page 1 already: loads it again
    await settle()
    expect(s.queries.map((q) => `${q.page}:${q.kind ?? ''}`)).toEqual(['1:', '3:', '1:paid_out', '2:paid_out', '1:paid_out', '1:paid_out'])
    await l.setPageSize(20)
    await settle()
    expect(s.queries.at(-1)).toEqual({ kind: 'paid_out', page: '1', page_size: '20' })
    await l.reset()
    await settle()
    expect(s.queries.at(-1)).toEqual({ page: '1', page_size: '20' })
    await l.applyFilter('kind', 'pending')
    await settle()
    expect(s.queries.at(-1)).toEqual({ kind: 'pending', page: '1', page_size: '20' })
  })

  it('waits for refresh() when not immediate (a drawer that opens later)', async () => {
    const s = server(3)
    const l = list(s.fetch, { immediate: false })
    await settle()
    expect(s.queries).toEqual([])
    await l.refresh()
    expect(l.items.value).toEqual([0, 1, 2])
  })

  it('keeps only the latest answer when an earlier one arrives late', async () => {
    const answers: (() => void)[] = []
    const l = list<string, FilterValues>((q) => new Promise((resolve) => answers.push(() => resolve({ items: [`page ${q.page}`], total: 2 }))), {})
    await settle()
    await l.setPage(2)
    await settle()
    expect(answers).toHaveLength(2)
    answers[1]()
    await settle()
    answers[0]()
    await settle()
    expect(l.items.value).toEqual(['page 2'])
    expect(l.loading.value).toBe(false)
  })

  it('clears the rows on a failure, keeps the error and reports it', async () => {
    const onError = vi.fn()
    let fail = false
    const l = list(async () => {
      if (fail) throw new Error('boom')
      return { items: [1, 2], total: 2 }
    }, { onError })
    await settle()
    fail = true
    await l.load()
    expect([l.items.value, l.total.value, (l.error.value as Error).message, l.failed.value]).toEqual([[], 0, 'boom', true])
    expect(onError).toHaveBeenCalledTimes(1)
    fail = false
    await l.load()
    expect([l.items.value, l.error.value]).toEqual([[1, 2], null])
  })
})

describe('an appending (infinite) list', () => {
  it('waits for the list component to ask, then loads pages until total is reached', async () => {
    const s = server(25)
    const l = list(s.fetch, { append: true, pageSize: 10 })
    await settle()
    expect(s.queries).toEqual([])
    await l.load()
    expect(l.items.value).toHaveLength(10)
    expect(l.finished.value).toBe(false)
    await l.load()
    await l.load()
    expect(l.items.value).toHaveLength(25)
    expect(l.finished.value).toBe(true)
    l.loading.value = true // van-list sets loading before it asks
    await l.load() // no request once finished
    expect(l.loading.value).toBe(false)
    expect(s.pages()).toEqual([1, 2, 3])
  })

  it('finishes at once on an empty result and leaves the skeleton state', async () => {
    const l = list(server(0).fetch, { append: true, pageSize: 10 })
    expect(l.loaded.value).toBe(false)
    await l.load()
    expect(l.items.value).toEqual([])
    expect(l.finished.value).toBe(true)
    expect(l.loaded.value).toBe(true)
  })

  it('finishes on a short page even when total says more', async () => {
    const l = list(async () => ({ items: [1, 2], total: 99 }), { append: true, pageSize: 10 })
    await l.load()
    expect(l.finished.value).toBe(true)
  })

  it('flags errors, keeps what it has and retries the same page', async () => {
    let fail = false
    const s = server(15)
    const l = list(async (q) => {
      if (fail) throw new Error('boom')
      return s.fetch(q)
    }, { append: true, pageSize: 10 })
    await l.load()
    fail = true
    await l.load()
    expect(l.failed.value).toBe(true)
    expect(l.loading.value).toBe(false)
    expect(l.items.value).toHaveLength(10)
    l.failed.value = false // van-list clears the flag when the person taps retry
    expect(l.error.value).toBeNull()
    fail = false
    await l.load()
    expect(l.items.value).toHaveLength(15)
    expect(s.pages()).toEqual([1, 2])
  })

  it('refresh starts over and drops an answer still on its way', async () => {
    const s = server(15)
    let hold: (() => void) | null = null
    const l = list(async (q) => {
      if (q.page === '2' && !hold) await new Promise<void>((r) => (hold = r))
      return s.fetch(q)
    }, { append: true, pageSize: 10 })
    await l.load()
    const late = l.load() // page 2, held
    await settle()
    await l.refresh()
    hold!()
    await late
    expect(l.items.value).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(s.pages()).toEqual([1, 1, 2])
  })

  it('starts over when a filter in the URL changes (tabs)', async () => {
    const router = await makeRouter('/orders?status=paid')
    const s = server(3)
    const l = list(s.fetch, { filters: { status: '' }, url: { router, replace: true }, append: true, pageSize: 10 })
    await l.load()
    l.filters.status = 'shipped'
    await l.apply()
    await settle()
    expect(router.currentRoute.value.fullPath).toBe('/orders?status=shipped')
    expect(s.queries.map((q) => q.status)).toEqual(['paid', 'shipped'])
    expect(l.items.value).toEqual([0, 1, 2])
  })
})
