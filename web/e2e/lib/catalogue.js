// A small shop made through the admin API: categories with icons and four
// products with pictures drawn in the browser. HERO is the one bought.
import { renderPicture } from './browser.js'

export const HERO = { title: '赣南脐橙 5 斤装', subtitle: '现摘现发 · 果径 75mm+', price: 12800 }

const CATEGORIES = [
  { name: '水果生鲜', from: '#ff9a3c', to: '#ff5e3a' },
  { name: '休闲零食', from: '#f7b733', to: '#fc4a1a' },
  { name: '茶饮冲调', from: '#56ab2f', to: '#a8e063' },
  { name: '家居日用', from: '#36d1dc', to: '#5b86e5' },
]

const PRODUCTS = [
  { ...HERO, category: 0, pic: { text: '脐橙', sub: '赣南 · 5 斤', from: '#ffb347', to: '#ff7e00' }, stock: 200,
    description: '江西赣州产地直发，果肉细嫩多汁。坏果包赔。', commission: [1500, 500] },
  { title: '云南古树普洱茶饼 357g', subtitle: '2019 年春茶 · 熟茶', price: 6800, category: 2, pic: { text: '普洱', sub: '古树 · 357g', from: '#8e5a2b', to: '#c98b4b' }, stock: 80 },
  { title: '每日坚果礼盒 30 袋', subtitle: '6 种坚果果干 · 独立小包', price: 9900, category: 1, pic: { text: '坚果', sub: '30 日装', from: '#d38312', to: '#a83279' }, stock: 150 },
  { title: '竹纤维毛巾 3 条装', subtitle: '柔软吸水 · 不掉毛', price: 3990, category: 3, pic: { text: '毛巾', sub: '竹纤维', from: '#4facfe', to: '#00c6fb' }, stock: 300 },
]

async function upload(api, buffer, name) {
  const res = await api.upload('/api/admin/uploads', name, 'image/png', buffer)
  const url = res.url ?? res.path
  if (!url) throw new Error(`upload answered without a url: ${JSON.stringify(res)}`)
  return url
}

export async function seedCatalogue(api, browser) {
  const cats = []
  for (const [i, c] of CATEGORIES.entries()) {
    const icon = await upload(api, await renderPicture(browser, { text: c.name.slice(0, 1), from: c.from, to: c.to, size: 120 }), `cat${i}.png`)
    cats.push(await api.post('/api/admin/categories', { name: c.name, icon_url: icon, sort_order: i }))
  }
  const products = []
  for (const [i, p] of PRODUCTS.entries()) {
    const image = await upload(api, await renderPicture(browser, p.pic), `p${i}.png`)
    const [t1, t2] = p.commission ?? []
    products.push(await api.post('/api/admin/products', {
      category_id: cats[p.category].id, title: p.title, subtitle: p.subtitle, description: p.description ?? p.subtitle,
      images: [image], status: 'on_shelf', sort_order: i,
      commission_mode: p.commission ? 'rate' : 'inherit', commission_tier1: t1 ?? 0, commission_tier2: t2 ?? 0,
      skus: [{ price: p.price, stock: p.stock, enabled: true, spec: {} }],
    }))
  }
  return { categories: cats, products }
}
