import type { Product, ProductInput } from '@/api/types'
import { fenToYuan, formatBp, parsePercent, parseYuan } from '@fenxiao/shared/money'

/** SkuRow is one SKU as the editor holds it (price typed in yuan). */
export interface SkuRow {
  id?: number
  code: string
  spec: Record<string, string>
  price: string
  stock: number
  stockSeen?: number
  image_url: string
  enabled: boolean
}

export interface ProductForm {
  title: string
  subtitle: string
  category_id: number | undefined
  images: string[]
  description: string
  sort_order: number
  status: string
  commission_mode: string
  tier1: string
  tier2: string
  specNames: string[]
  skus: SkuRow[]
}

export function emptySku(): SkuRow {
  return { code: '', spec: {}, price: '', stock: 0, image_url: '', enabled: true }
}

export function emptyForm(): ProductForm {
  return {
    title: '', subtitle: '', category_id: undefined, images: [], description: '', sort_order: 0,
    status: 'off_shelf', commission_mode: 'inherit', tier1: '', tier2: '', specNames: [], skus: [emptySku()],
  }
}

function tierInput(mode: string | undefined, v: number | undefined): string {
  if (mode === 'rate') return formatBp(v ?? 0).replace('%', '')
  if (mode === 'fixed') return fenToYuan(v ?? 0)
  return ''
}

/** toForm loads a product into the editor. */
export function toForm(p: Product): ProductForm {
  const skus = p.skus ?? []
  const names: string[] = []
  for (const s of skus) for (const k of Object.keys(s.spec ?? {})) if (!names.includes(k)) names.push(k)
  return {
    title: p.title ?? '', subtitle: p.subtitle ?? '', category_id: p.category_id || undefined,
    images: [...(p.images ?? [])], description: p.description ?? '', sort_order: p.sort_order ?? 0,
    status: p.status ?? 'off_shelf', commission_mode: p.commission_mode || 'inherit',
    tier1: tierInput(p.commission_mode, p.commission_tier1), tier2: tierInput(p.commission_mode, p.commission_tier2),
    specNames: names,
    skus: skus.map((s) => ({
      id: s.id, code: s.code ?? '', spec: { ...((s.spec ?? {}) as Record<string, string>) },
      price: fenToYuan(s.price), stock: s.stock ?? 0, stockSeen: s.stock ?? 0,
      image_url: s.image_url ?? '', enabled: s.enabled !== false,
    })),
  }
}

/** toInput builds the request; `errors` gets a message key per bad field
 * (same field names as the API's, e.g. "skus[0].price"). */
export function toInput(f: ProductForm, errors: Record<string, string>): ProductInput | null {
  const parseTier = (v: string) => (f.commission_mode === 'rate' ? parsePercent(v) : parseYuan(v))
  let tier1 = 0
  let tier2 = 0
  if (f.commission_mode !== 'inherit') {
    const a = parseTier(f.tier1)
    const b = parseTier(f.tier2)
    if (a === null) errors.commission_tier1 = 'product.badTier'
    if (b === null) errors.commission_tier2 = 'product.badTier'
    tier1 = a ?? 0
    tier2 = b ?? 0
  }
  const skus = f.skus.map((s, i) => {
    const price = parseYuan(s.price)
    if (price === null || price <= 0) errors[`skus[${i}].price`] = 'product.badPrice'
    const spec: Record<string, string> = {}
    for (const n of f.specNames) if (s.spec[n]?.trim()) spec[n] = s.spec[n].trim()
    return {
      id: s.id, code: s.code.trim(), spec, price: price ?? 0, stock: s.stock,
      stock_seen: s.id ? s.stockSeen : undefined, image_url: s.image_url, enabled: s.enabled,
    }
  })
  if (Object.keys(errors).length) return null
  return {
    title: f.title.trim(), subtitle: f.subtitle.trim(), category_id: f.category_id ?? 0, images: f.images,
    description: f.description, sort_order: f.sort_order, status: f.status,
    commission_mode: f.commission_mode, commission_tier1: tier1, commission_tier2: tier2, skus,
  }
}
