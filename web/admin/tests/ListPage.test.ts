// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h, resolveComponent } from 'vue'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import ElementPlus from 'element-plus'
import { usePagedList } from '@fenxiao/shared/lists/usePagedList'
import type { ListQuery } from '@fenxiao/shared/lists/query'
import { parseApiError } from '@fenxiao/shared/api/errors'
import { i18n } from '@/i18n'
import ListPage from '@/components/ListPage.vue'

type Row = { id: number; name: string }

/** 25 rows named "item N" on a fake server that records its queries; it
 * answers a 503 while `down` is set. */
function server() {
  const s = { queries: [] as ListQuery[], down: false }
  const fetch = async (q: ListQuery) => {
    s.queries.push(q)
    if (s.down) throw parseApiError(503, { error: { code: 'unavailable', message: 'maintenance' } })
    const all = Array.from({ length: 25 }, (_, i) => ({ id: i + 1, name: `item ${i + 1}` })).filter((r) => !q.q || r.name.includes(q.q))
    const start = (Number(q.page) - 1) * Number(q.page_size)
    return { items: all.slice(start, start + Number(q.page_size)), total: all.length }
  }
  return { s, fetch }
}

/** A list page as the admin's views write it: a URL-backed list, one text
 * filter, a title with an action, and one column. */
async function mountPage(path: string, fetch: (q: ListQuery) => Promise<{ items: Row[]; total: number }>) {
  const View = defineComponent({
    setup() {
      const list = usePagedList(fetch, { url: true, filters: { q: '' }, pageSize: 10 })
      return () =>
        h(ListPage, { list, title: '商品', 'row-key': 'id' }, {
          filters: () =>
            h(resolveComponent('el-form-item'), { label: '名称' }, () =>
              h(resolveComponent('el-input'), { modelValue: list.filters.q, 'onUpdate:modelValue': (v: string) => (list.filters.q = v), class: 'q' }),
            ),
          actions: () => h('button', { class: 'act' }, '新建'),
          default: () => h(resolveComponent('el-table-column'), { prop: 'name', label: '名称' }),
        })
    },
  })
  const router = createRouter({ history: createMemoryHistory('/admin/'), routes: [{ path: '/products', component: View }] })
  await router.push(path)
  await router.isReady()
  const w = mount(RouterView, { global: { plugins: [router, i18n, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return { w, router }
}

const cells = (w: VueWrapper) => w.findAll('.el-table__body .cell').map((c) => c.text())

let mounted: VueWrapper | undefined
afterEach(() => mounted?.unmount())

describe('ListPage', () => {
  it('shows the page of rows the URL names, the toolbar and the total', async () => {
    const { s, fetch } = server()
    const { w } = await mountPage('/products?page=2', fetch)
    mounted = w
    expect(s.queries).toEqual([{ page: '2', page_size: '10' }])
    expect(cells(w)).toEqual(Array.from({ length: 10 }, (_, i) => `item ${i + 11}`))
    expect(w.find('.fx-toolbar h3').text()).toBe('商品')
    expect(w.find('.fx-toolbar .act').exists()).toBe(true)
    expect(w.find('.el-pagination__total').text()).toContain('25')
  })

  it('查询 applies the filter form from page 1 and 重置 clears it (both through the URL)', async () => {
    const { s, fetch } = server()
    const { w, router } = await mountPage('/products?page=3', fetch)
    mounted = w
    await w.find('.q input').setValue('item 2')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/products?q=item+2')
    expect(s.queries.at(-1)).toEqual({ q: 'item 2', page: '1', page_size: '10' })
    expect(cells(w)).toEqual(['item 2', 'item 20', 'item 21', 'item 22', 'item 23', 'item 24', 'item 25'])
    const reset = w.findAll('form button').find((b) => b.text() === '重置')!
    await reset.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/products')
    expect((w.find('.q input').element as HTMLInputElement).value).toBe('')
    expect(cells(w)).toHaveLength(10)
  })

  it('the pager moves through pages', async () => {
    const { s, fetch } = server()
    const { w, router } = await mountPage('/products', fetch)
    mounted = w
    await w.findAll('.el-pager li').find((li) => li.text() === '3')!.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/products?page=3')
    expect(s.queries.at(-1)).toEqual({ page: '3', page_size: '10' })
    expect(cells(w)).toEqual(['item 21', 'item 22', 'item 23', 'item 24', 'item 25'])
  })

  it("shows a failed load's text (translated) where the rows would be", async () => {
    const { s, fetch } = server()
    s.down = true
    const { w } = await mountPage('/products', fetch)
    mounted = w
    expect(cells(w)).toEqual([])
    expect(w.find('.el-table__empty-text').text()).toBe('服务暂不可用，请稍后再试')
    expect(document.body.textContent).toContain('服务暂不可用，请稍后再试') // and toasted
  })
})
