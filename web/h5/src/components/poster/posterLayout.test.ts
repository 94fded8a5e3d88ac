import { describe, expect, it } from 'vitest'
import { layoutPoster, POSTER_WIDTH, wrapText, type Box, type Measure } from './posterLayout'

// Every character is 20px wide whatever the font: easy to reason about.
const fixed: Measure = (text) => Array.from(text).length * 20

const input = { nickname: '小林', tagline: '为你推荐一件好物', title: '新疆阿克苏冰糖心苹果 5斤装', price: '¥39.90', qrCaption: '长按识别二维码' }

function inside(b: Box, w: number, h: number): boolean {
  return b.x >= 0 && b.y >= 0 && b.x + b.w <= w && b.y + b.h <= h
}
function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

describe('wrapText', () => {
  it('keeps short text on one line', () => {
    expect(wrapText('苹果', 100, 2, fixed, '')).toEqual(['苹果'])
  })

  it('breaks at the width and ellipsises what does not fit', () => {
    // 5 characters per 100px line
    expect(wrapText('一二三四五六七八九十', 100, 2, fixed, '')).toEqual(['一二三四五', '六七八九十'])
    expect(wrapText('一二三四五六七八九十甲', 100, 2, fixed, '')).toEqual(['一二三四五', '六七八九…'])
  })

  it('never drops a character wider than the line, and handles empty text', () => {
    expect(wrapText('一二', 10, 3, fixed, '')).toEqual(['一', '二'])
    expect(wrapText('', 100, 2, fixed, '')).toEqual([])
    expect(wrapText('   ', 100, 2, fixed, '')).toEqual([])
  })

  it('collapses whitespace and does not start a line with a space', () => {
    expect(wrapText('ab  cd\n ef', 100, 2, fixed, '')).toEqual(['ab cd', 'ef'])
    expect(wrapText('abcde fgh', 100, 2, fixed, '')).toEqual(['abcde', 'fgh'])
  })
})

describe('layoutPoster', () => {
  it('places every part inside the poster without overlaps', () => {
    const l = layoutPoster(input, fixed)
    expect(l.width).toBe(POSTER_WIDTH)
    for (const b of [l.avatar, l.image, l.qr]) expect(inside(b, l.width, l.height)).toBe(true)
    expect(overlap(l.avatar, l.image)).toBe(false)
    expect(overlap(l.image, l.qr)).toBe(false)
    expect(l.image.w).toBe(l.image.h) // square product image
    for (const t of l.texts) {
      expect(t.y).toBeGreaterThanOrEqual(0)
      expect(t.y).toBeLessThan(l.height)
    }
  })

  it('keeps the title left of the QR code, two lines at most', () => {
    const long = { ...input, title: '超长的商品标题'.repeat(10) }
    const l = layoutPoster(long, fixed)
    const titles = l.texts.filter((t) => t.font.includes('28px') && !t.font.startsWith('bold'))
    expect(titles).toHaveLength(2)
    expect(titles[1].text.endsWith('…')).toBe(true)
    for (const t of titles) expect(t.x + fixed(t.text, t.font)).toBeLessThanOrEqual(l.qr.x)
  })

  it('shows the price, nickname and QR caption', () => {
    const texts = layoutPoster(input, fixed).texts.map((t) => t.text)
    expect(texts).toContain('¥39.90')
    expect(texts).toContain('小林')
    expect(texts).toContain('长按识别二维码')
  })

  it('puts the price below the title whether it takes one line or two', () => {
    const one = layoutPoster({ ...input, title: '苹果' }, fixed)
    const two = layoutPoster({ ...input, title: '苹果'.repeat(20) }, fixed)
    const price = (l: ReturnType<typeof layoutPoster>) => l.texts.find((t) => t.text === '¥39.90')!.y
    expect(price(two) - price(one)).toBe(40)
    expect(two.height).toBeGreaterThanOrEqual(one.height)
  })

  it('truncates a long nickname to the header width', () => {
    const l = layoutPoster({ ...input, nickname: '名'.repeat(50) }, fixed)
    const nick = l.texts[0]
    expect(nick.text.endsWith('…')).toBe(true)
    expect(nick.x + fixed(nick.text, nick.font)).toBeLessThanOrEqual(l.width)
  })
})
