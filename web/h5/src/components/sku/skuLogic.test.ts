import { describe, expect, it } from 'vitest'
import type { Sku, SpecDef } from '@/api/types'
import {
  clampQuantity,
  findSku,
  initialSelection,
  isComplete,
  isValueSelectable,
  missingSpecs,
  priceRange,
  specText,
  stockFor,
  toggleValue,
} from './skuLogic'

const specs: SpecDef[] = [
  { name: '颜色', values: ['红', '蓝'] },
  { name: '尺码', values: ['S', 'M', 'L'] },
]
const skus: Sku[] = [
  { id: 1, spec: { 颜色: '红', 尺码: 'S' }, price: 1000, stock: 3 },
  { id: 2, spec: { 颜色: '红', 尺码: 'M' }, price: 1200, stock: 0 },
  { id: 3, spec: { 颜色: '蓝', 尺码: 'M' }, price: 1500, stock: 5 },
  { id: 4, spec: { 颜色: '蓝', 尺码: 'L' }, price: 1800, stock: 1 },
]

describe('sku picker logic', () => {
  it('finds the SKU only for a complete selection', () => {
    expect(findSku(specs, skus, { 颜色: '红' })).toBeUndefined()
    expect(findSku(specs, skus, { 颜色: '蓝', 尺码: 'M' })?.id).toBe(3)
    expect(isComplete(specs, { 颜色: '蓝', 尺码: 'M' })).toBe(true)
    expect(missingSpecs(specs, { 颜色: '蓝' })).toEqual(['尺码'])
  })

  it('disables values that lead only to sold-out or missing SKUs', () => {
    expect(isValueSelectable(skus, {}, '尺码', 'M')).toBe(true) // 蓝 M has stock
    expect(isValueSelectable(skus, { 颜色: '红' }, '尺码', 'M')).toBe(false) // sold out
    expect(isValueSelectable(skus, { 颜色: '红' }, '尺码', 'L')).toBe(false) // no such SKU
    expect(isValueSelectable(skus, { 尺码: 'S' }, '颜色', '蓝')).toBe(false)
  })

  it('toggles values, switching away from conflicting choices', () => {
    let sel = toggleValue(skus, {}, '颜色', '红')
    expect(sel).toEqual({ 颜色: '红' })
    sel = toggleValue(skus, sel, '颜色', '红')
    expect(sel.颜色).toBeUndefined()
    // 红 chosen, tap L (only 蓝 L exists): keep L, drop 红
    expect(toggleValue(skus, { 颜色: '红' }, '尺码', 'L')).toEqual({ 尺码: 'L' })
    // a value out of stock everywhere does nothing
    const soldOut: Sku[] = [{ id: 9, spec: { 颜色: '红', 尺码: 'S' }, price: 1, stock: 0 }]
    expect(toggleValue(soldOut, {}, '颜色', '红')).toEqual({})
  })

  it('preselects single values and a sole in-stock SKU', () => {
    const one: SpecDef[] = [{ name: '规格', values: ['5斤装'] }]
    expect(initialSelection(one, [{ id: 1, spec: { 规格: '5斤装' }, price: 1, stock: 2 }])).toEqual({ 规格: '5斤装' })
    expect(initialSelection(specs, skus)).toEqual({})
    const onlyBlue = skus.map((s) => (s.id === 3 ? s : { ...s, stock: 0 }))
    expect(initialSelection(specs, onlyBlue)).toEqual({ 颜色: '蓝', 尺码: 'M' })
  })

  it('handles products without specs', () => {
    const plain: Sku[] = [{ id: 7, spec: {}, price: 990, stock: 4 }]
    expect(findSku([], plain, {})?.id).toBe(7)
    expect(specText([], plain[0])).toBe('')
  })

  it('computes price range and stock for the selection', () => {
    expect(priceRange(skus)).toEqual({ min: 1000, max: 1800 })
    expect(priceRange(skus, { 颜色: '蓝' })).toEqual({ min: 1500, max: 1800 })
    expect(priceRange([])).toEqual({ min: 0, max: 0 })
    expect(stockFor(skus, {})).toBe(9)
    expect(stockFor(skus, { 颜色: '红' })).toBe(3)
    expect(specText(specs, skus[3])).toBe('蓝 / L')
  })

  it('clamps quantity to stock and the 999 cart limit', () => {
    expect(clampQuantity(0, 5)).toBe(1)
    expect(clampQuantity(3, 5)).toBe(3)
    expect(clampQuantity(9, 5)).toBe(5)
    expect(clampQuantity(5000, 10000)).toBe(999)
    expect(clampQuantity(2, 0)).toBe(1)
    expect(clampQuantity(Number.NaN, 5)).toBe(1)
  })
})
