// The shop editor's featured list: ordered product ids, each shown or
// hidden. Pure functions returning new arrays, so the page just assigns.
import type { FeaturedItem } from '@/api/types'

/** Moves item i by delta (-1 up, +1 down); out-of-range moves change nothing. */
export function moveFeatured(list: FeaturedItem[], i: number, delta: number): FeaturedItem[] {
  const j = i + delta
  if (i < 0 || i >= list.length || j < 0 || j >= list.length) return list
  const out = [...list]
  ;[out[i], out[j]] = [out[j], out[i]]
  return out
}

/** Adds the product at the end (shown), or removes it when already picked. */
export function togglePicked(list: FeaturedItem[], productId: number): FeaturedItem[] {
  return list.some((f) => f.product_id === productId)
    ? list.filter((f) => f.product_id !== productId)
    : [...list, { product_id: productId, hidden: false }]
}

/** Flips hidden on one product. */
export function toggleHidden(list: FeaturedItem[], productId: number): FeaturedItem[] {
  return list.map((f) => (f.product_id === productId ? { ...f, hidden: !f.hidden } : f))
}

/** The ids a shopper sees, in order (hidden ones left out). */
export function visibleIds(list: FeaturedItem[]): number[] {
  return list.filter((f) => !f.hidden && f.product_id).map((f) => f.product_id as number)
}
