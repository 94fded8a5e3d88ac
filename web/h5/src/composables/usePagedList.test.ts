import { describe, expect, it } from 'vitest'
import { usePagedList } from './usePagedList'

function source(total: number) {
  const calls: number[] = []
  const fetch = async (page: number, size: number) => {
    calls.push(page)
    const start = (page - 1) * size
    const items = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => start + i)
    return { items, total, page, page_size: size }
  }
  return { calls, fetch }
}

describe('usePagedList', () => {
  it('loads pages until total is reached', async () => {
    const s = source(25)
    const l = usePagedList(s.fetch, 10)
    await l.load()
    expect(l.items.value).toHaveLength(10)
    expect(l.finished.value).toBe(false)
    await l.load()
    await l.load()
    expect(l.items.value).toHaveLength(25)
    expect(l.finished.value).toBe(true)
    await l.load() // no request once finished
    expect(s.calls).toEqual([1, 2, 3])
  })

  it('finishes at once on an empty result and leaves the skeleton state', async () => {
    const l = usePagedList(source(0).fetch, 10)
    expect(l.initial.value).toBe(true)
    await l.load()
    expect(l.items.value).toEqual([])
    expect(l.finished.value).toBe(true)
    expect(l.initial.value).toBe(false)
  })

  it('flags errors and retries the same page', async () => {
    let fail = true
    const l = usePagedList(async (page) => {
      if (fail) throw new Error('boom')
      return { items: [page], total: 1 }
    }, 10)
    await l.load()
    expect(l.error.value).toBe(true)
    expect(l.loading.value).toBe(false)
    fail = false
    await l.load()
    expect(l.items.value).toEqual([1])
  })

  it('refresh starts over', async () => {
    const s = source(15)
    const l = usePagedList(s.fetch, 10)
    await l.load()
    await l.refresh()
    expect(l.items.value).toHaveLength(10)
    expect(s.calls).toEqual([1, 1])
  })
})
