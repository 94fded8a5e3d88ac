// Pure logic behind the SKU picker: which spec values can still be chosen,
// which SKU a full selection names, prices and stock. The product API gives
// specs [{name, values}] and skus [{id, spec: {name: value}, price, stock}].
import type { Sku, SpecDef } from '@/api/types'

export type Selection = Record<string, string | undefined>

function specOf(s: Sku): Record<string, string> {
  return (s.spec ?? {}) as Record<string, string>
}

function specNames(specs: SpecDef[]): string[] {
  return specs.map((s) => s.name ?? '').filter((n) => n !== '')
}

/** Whether every spec has a value chosen. */
export function isComplete(specs: SpecDef[], sel: Selection): boolean {
  return specNames(specs).every((n) => !!sel[n])
}

function matches(s: Sku, sel: Selection): boolean {
  const spec = specOf(s)
  return Object.entries(sel).every(([k, v]) => !v || spec[k] === v)
}

/** The SKU a complete selection names (a product without specs has one SKU). */
export function findSku(specs: SpecDef[], skus: Sku[], sel: Selection): Sku | undefined {
  if (!isComplete(specs, sel)) return undefined
  return skus.find((s) => matches(s, sel))
}

/**
 * Whether choosing value for name (keeping the other chosen values) still
 * reaches a SKU with stock. Values that lead only to sold-out or missing
 * combinations are shown disabled.
 */
export function isValueSelectable(skus: Sku[], sel: Selection, name: string, value: string): boolean {
  const trial: Selection = { ...sel, [name]: value }
  return skus.some((s) => (s.stock ?? 0) > 0 && matches(s, trial))
}

/** Tapping a value selects it, tapping it again clears it; disabled values do nothing. */
export function toggleValue(skus: Sku[], sel: Selection, name: string, value: string): Selection {
  if (sel[name] === value) return { ...sel, [name]: undefined }
  if (!isValueSelectable(skus, sel, name, value)) {
    // The value exists in stock with other choices: switch to it and drop
    // the choices that conflict, like most shops do.
    const alone: Selection = { [name]: value }
    if (!isValueSelectable(skus, alone, name, value)) return sel
    return alone
  }
  return { ...sel, [name]: value }
}

/** Preselect specs that have a single value, and a product's only in-stock SKU. */
export function initialSelection(specs: SpecDef[], skus: Sku[]): Selection {
  const sel: Selection = {}
  for (const sp of specs) {
    const vals = sp.values ?? []
    if (sp.name && vals.length === 1 && isValueSelectable(skus, sel, sp.name, vals[0])) sel[sp.name] = vals[0]
  }
  const inStock = skus.filter((s) => (s.stock ?? 0) > 0)
  if (inStock.length === 1) return { ...specOf(inStock[0]) }
  return sel
}

/** Lowest and highest SKU price (fen); the whole range when nothing matches. */
export function priceRange(skus: Sku[], sel: Selection = {}): { min: number; max: number } {
  const pool = skus.filter((s) => matches(s, sel))
  const prices = (pool.length ? pool : skus).map((s) => s.price ?? 0)
  if (!prices.length) return { min: 0, max: 0 }
  return { min: Math.min(...prices), max: Math.max(...prices) }
}

/** Units in stock for the chosen SKU, or summed over the SKUs the selection still allows. */
export function stockFor(skus: Sku[], sel: Selection): number {
  return skus.filter((s) => matches(s, sel)).reduce((n, s) => n + (s.stock ?? 0), 0)
}

/** Names of specs not chosen yet, for the "请选择 颜色 尺码" hint. */
export function missingSpecs(specs: SpecDef[], sel: Selection): string[] {
  return specNames(specs).filter((n) => !sel[n])
}

/** "5斤装 / 红色" for a SKU, in spec order. */
export function specText(specs: SpecDef[], sku: Sku | undefined): string {
  if (!sku) return ''
  const spec = specOf(sku)
  return specNames(specs)
    .map((n) => spec[n])
    .filter(Boolean)
    .join(' / ')
}

/** Quantity kept within 1..min(stock, 999). */
export function clampQuantity(q: number, stock: number): number {
  const max = Math.max(1, Math.min(stock, 999))
  if (!Number.isFinite(q) || q < 1) return 1
  return Math.min(Math.floor(q), max)
}
