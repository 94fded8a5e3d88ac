import { describe, expect, it } from 'vitest'
import { moveFeatured, toggleHidden, togglePicked, visibleIds } from './featured'

const list = [
  { product_id: 1, hidden: false },
  { product_id: 2, hidden: true },
  { product_id: 3, hidden: false },
]

describe('featured products', () => {
  it('moves up and down within bounds', () => {
    expect(moveFeatured(list, 2, -1).map((f) => f.product_id)).toEqual([1, 3, 2])
    expect(moveFeatured(list, 0, 1).map((f) => f.product_id)).toEqual([2, 1, 3])
    expect(moveFeatured(list, 0, -1)).toBe(list)
    expect(moveFeatured(list, 2, 1)).toBe(list)
    expect(list.map((f) => f.product_id)).toEqual([1, 2, 3]) // not mutated
  })

  it('picks at the end and unpicks', () => {
    expect(togglePicked(list, 9).at(-1)).toEqual({ product_id: 9, hidden: false })
    expect(togglePicked(list, 2).map((f) => f.product_id)).toEqual([1, 3])
  })

  it('hides and shows, and lists what shoppers see in order', () => {
    expect(visibleIds(list)).toEqual([1, 3])
    expect(visibleIds(toggleHidden(list, 2))).toEqual([1, 2, 3])
    expect(visibleIds(toggleHidden(list, 1))).toEqual([3])
  })
})
