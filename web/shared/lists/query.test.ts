import { describe, expect, it } from 'vitest'
import { apiQuery, readFilters, readPage, readPageSize, trimFilters, writeFilters } from './query'

const defaults = { status: '', order_no: '', kind: 'all' }

describe('list query helpers', () => {
  it('reads filters from the query, keeping defaults for absent keys', () => {
    expect(readFilters({ status: 'paid', other: 'x' }, defaults)).toEqual({ status: 'paid', order_no: '', kind: 'all' })
    expect(readFilters({ status: ['shipped', 'paid'] }, defaults).status).toBe('shipped')
    expect(readFilters({ status: [] }, defaults).status).toBe('')
  })
  it('leaves defaults, blanks and page 1 out of the URL', () => {
    expect(writeFilters({ status: 'paid', order_no: '  ', kind: 'all' }, defaults)).toEqual({ status: 'paid' })
    expect(writeFilters({ ...defaults, order_no: 'N1 ' }, defaults, 3, 50)).toEqual({ order_no: 'N1', page: '3', page_size: '50' })
    expect(writeFilters({ ...defaults, kind: '' }, defaults, 1, 10, 10)).toEqual({})
  })
  it('reads sane page numbers and sizes', () => {
    expect(readPage({ page: '4' })).toBe(4)
    expect(readPage({ page: '-1' })).toBe(1)
    expect(readPage({ page: 'x' })).toBe(1)
    expect(readPage({ page: '1.5' })).toBe(1)
    expect(readPageSize({ page_size: '50' })).toBe(50)
    expect(readPageSize({ page_size: '500' })).toBe(20)
    expect(readPageSize({}, 10)).toBe(10)
  })
  it('trims the filters as they apply', () => {
    expect(trimFilters({ status: ' paid ', order_no: '', kind: 'all' }, defaults)).toEqual({ status: 'paid', order_no: '', kind: 'all' })
  })
  it('builds the API query without empty filters', () => {
    expect(apiQuery({ status: '', order_no: 'N1' }, 2, 20)).toEqual({ order_no: 'N1', page: '2', page_size: '20' })
  })
})
