// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { usePagedList, type PagedList } from '@fenxiao/shared/lists/usePagedList'
import type { ListQuery } from '@fenxiao/shared/lists/query'
import { i18n, setLocale } from '@/i18n'
import InfiniteList from './InfiniteList.vue'

type Row = { id: number }

/** Mounts an InfiniteList over rows answered by `answer` (per page query).
 * jsdom has no layout, so van-list never finds itself at the bottom: the
 * tests call load() where a browser's van-list would. */
function mountList(answer: (q: ListQuery) => Promise<{ items: Row[]; total: number }>) {
  const queries: ListQuery[] = []
  let list!: PagedList<Row>
  const Page = defineComponent({
    setup() {
      list = usePagedList<Row>((q) => (queries.push(q), answer(q)), { append: true, pageSize: 2 })
      return () =>
        h(InfiniteList, { list, empty: '还没有记录', emptyAction: '去逛逛', onAction: () => queries.push({ action: 'yes' }) }, () =>
          list.items.value.map((r) => h('div', { class: 'row' }, `row ${r.id}`)),
        )
    },
  })
  const w = mount(Page, { global: { plugins: [i18n] }, attachTo: document.body })
  return { w, queries, list: () => list }
}

const rows = (n: number, from = 1) => Array.from({ length: n }, (_, i) => ({ id: from + i }))

describe('InfiniteList', () => {
  setLocale('zh-CN')

  it('shows placeholders, then the rows van-list asks for, then "no more"', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const { w, queries, list } = mountList(async (q) => {
      await gate
      return q.page === '1' ? { items: rows(2), total: 3 } : { items: rows(1, 3), total: 3 }
    })
    expect(w.find('.van-skeleton').exists()).toBe(false) // nothing asked yet
    void list().load()
    await flushPromises()
    expect(queries).toEqual([{ page: '1', page_size: '2' }])
    expect(w.find('.van-skeleton').exists()).toBe(true)
    release()
    await flushPromises()
    expect(w.findAll('.row').map((r) => r.text())).toEqual(['row 1', 'row 2'])
    expect(w.find('.van-skeleton').exists()).toBe(false)
    expect(w.text()).not.toContain('没有更多了')
    await list().load() // the next scroll to the bottom
    await flushPromises()
    expect(w.findAll('.row').map((r) => r.text())).toEqual(['row 1', 'row 2', 'row 3'])
    expect(w.text()).toContain('没有更多了')
    w.unmount()
  })

  it('shows the empty state with its action when there is nothing', async () => {
    const { w, queries, list } = mountList(async () => ({ items: [], total: 0 }))
    await list().load()
    await flushPromises()
    expect(w.text()).toContain('还没有记录')
    expect(w.text()).not.toContain('没有更多了')
    await w.find('.van-empty button').trigger('click')
    expect(queries.at(-1)).toEqual({ action: 'yes' })
    w.unmount()
  })

  it('offers a retry after a failure and loads the same page again', async () => {
    let fail = true
    const { w, queries, list } = mountList(async () => {
      if (fail) throw new Error('offline')
      return { items: rows(1), total: 1 }
    })
    await list().load()
    await flushPromises()
    expect(w.text()).toContain('加载失败，点击重试')
    expect(w.text()).not.toContain('还没有记录')
    fail = false
    await w.find('.van-list__error-text').trigger('click') // van-list clears the error, then asks again
    expect(list().failed.value).toBe(false)
    await list().load()
    await flushPromises()
    expect(w.findAll('.row').map((r) => r.text())).toEqual(['row 1'])
    expect(queries.map((q) => q.page)).toEqual(['1', '1'])
    w.unmount()
  })
})
