// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import { i18n } from '@/i18n'
import type { ProductDetail } from '@/api/types'
import SkuPicker from './SkuPicker.vue'

const product: ProductDetail = {
  id: 1,
  title: '脐橙',
  images: ['/a.svg'],
  specs: [{ name: '规格', values: ['5斤装', '10斤装'] }],
  skus: [
    { id: 11, spec: { 规格: '5斤装' }, price: 3990, stock: 0 },
    { id: 12, spec: { 规格: '10斤装' }, price: 6990, stock: 2 },
  ],
}

function mountPicker() {
  return mount(SkuPicker, {
    props: { product, action: 'both', show: true },
    global: { plugins: [i18n], stubs: { teleport: true, transition: false } },
    attachTo: document.body,
  })
}

describe('SkuPicker', () => {
  it('preselects the only SKU in stock and marks sold-out values', async () => {
    const w = mountPicker()
    await nextTick()
    const vals = w.findAll('button.val')
    expect(vals.map((v) => v.text())).toEqual(['5斤装', '10斤装'])
    expect(vals[0].classes()).toContain('off')
    expect(vals[1].classes()).toContain('on')
    expect(w.text()).toContain('69.90')
    w.unmount()
  })

  it('emits the chosen SKU and quantity', async () => {
    const w = mountPicker()
    await nextTick()
    const buy = w.findAll('button').find((b) => b.text() === '立即购买')
    await buy?.trigger('click')
    expect(w.emitted('confirm')?.[0]).toEqual([{ sku: product.skus?.[1], quantity: 1, action: 'buy' }])
    w.unmount()
  })
})
