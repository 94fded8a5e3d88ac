import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import zhCN from '@/i18n/zh-CN'
import en from '@/i18n/en'

type Tree = { [k: string]: string | Tree }

function keys(t: Tree, prefix = ''): string[] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)))
}
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? files(p) : /\.(vue|ts)$/.test(p) ? [p] : []
  })
}

describe('i18n', () => {
  const zh = new Set(keys(zhCN as Tree))
  it('English has exactly the zh-CN keys', () => {
    expect(keys(en as Tree).sort()).toEqual([...zh].sort())
  })
  it('every literal key used in the source exists', () => {
    const used = new Set<string>()
    for (const f of files(join(__dirname, '../src'))) {
      const src = readFileSync(f, 'utf8')
      for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1])
      for (const m of src.matchAll(/(?:title|label): '([a-z]+\.[a-zA-Z0-9_.]+)'/g)) used.add(m[1])
    }
    const missing = [...used].filter((k) => !zh.has(k))
    expect(missing).toEqual([])
  })
})
