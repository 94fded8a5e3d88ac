// Every key the code uses exists in both locales, and both locales have the
// same keys (English is complete).
import { describe, expect, it } from 'vitest'
import zh from './zh-CN'
import en from './en'

type Tree = { [k: string]: string | Tree }

function keys(t: Tree, prefix = ''): string[] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)))
}

// The app's source files as text (tests and the messages themselves excluded).
const files = import.meta.glob(['../**/*.vue', '../**/*.ts', '!../**/*.test.ts', '!../**/*.d.ts', '!../i18n/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>

const zhKeys = new Set(keys(zh as Tree))

describe('i18n messages', () => {
  it('English has exactly the zh-CN keys', () => {
    expect(keys(en as Tree).sort()).toEqual([...zhKeys].sort())
  })

  it('every static key used in the code exists', () => {
    const missing: string[] = []
    expect(Object.keys(files).length).toBeGreaterThan(20)
    for (const [file, text] of Object.entries(files)) {
      for (const m of text.matchAll(/\$?\bt\(\s*'([a-zA-Z]+\.[a-zA-Z0-9_.]+)'/g)) {
        if (!zhKeys.has(m[1])) missing.push(`${file}: ${m[1]}`)
      }
      for (const m of text.matchAll(/(?:title|label): '([a-z]+\.[a-zA-Z0-9_.]+)'/g)) {
        if (!zhKeys.has(m[1])) missing.push(`${file}: ${m[1]}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('covers every order status, event and refund status the API has', () => {
    for (const s of ['pending_payment', 'paid', 'shipped', 'completed', 'cancelled', 'refunded']) {
      expect(zhKeys.has(`order.status.${s}`) && zhKeys.has(`order.statusHint.${s}`)).toBe(true)
    }
    for (const e of ['placed', 'paid', 'cancelled', 'shipped', 'completed', 'refund_requested', 'refund_approved', 'refund_rejected', 'refunded', 'refund_failed', 'restored']) {
      expect(zhKeys.has(`order.event.${e}`)).toBe(true)
    }
    for (const s of ['pending', 'processing', 'refunded', 'rejected', 'failed']) expect(zhKeys.has(`refund.status.${s}`)).toBe(true)
  })
})
