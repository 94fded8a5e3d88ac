import { describe, expect, it } from 'vitest'
import { fenToYuanInput, formatBp, formatFen, parsePercent, parseYuan } from '@/utils/money'

describe('formatFen', () => {
  it.each([
    [0, '¥0.00'],
    [1, '¥0.01'],
    [10, '¥0.10'],
    [1234, '¥12.34'],
    [100, '¥1.00'],
    [-5, '-¥0.05'],
    [-123456, '-¥1,234.56'],
    [123456789, '¥1,234,567.89'],
    [900719925474099, '¥9,007,199,254,740.99'],
  ])('%i fen -> %s', (fen, want) => {
    expect(formatFen(fen)).toBe(want)
  })
  it('renders missing values as a dash', () => {
    expect(formatFen(undefined)).toBe('—')
    expect(formatFen(null)).toBe('—')
    expect(formatFen(Number.NaN)).toBe('—')
  })
  it('never shows floating-point noise', () => {
    // 0.1 + 0.2 style errors would show here if the function divided floats.
    for (let fen = 0; fen < 2000; fen += 7) expect(formatFen(fen)).toMatch(/^¥\d{1,3}(,\d{3})*\.\d{2}$/)
  })
  it('accepts another symbol (for inputs)', () => {
    expect(formatFen(1234, '')).toBe('12.34')
    expect(fenToYuanInput(123456)).toBe('1234.56')
    expect(fenToYuanInput(undefined)).toBe('')
  })
})

describe('parseYuan', () => {
  it.each([
    ['12', 1200],
    ['12.3', 1230],
    ['12.34', 1234],
    ['0.01', 1],
    [' 1,234.5 ', 123450],
    ['¥8.80', 880],
    ['12.', 1200],
  ])('%s -> %i fen', (s, want) => {
    expect(parseYuan(s)).toBe(want)
  })
  it.each(['', 'abc', '1.234', '-1', '1e3', '12.3.4'])('rejects %j', (s) => {
    expect(parseYuan(s)).toBeNull()
  })
  it('round-trips through formatFen', () => {
    for (const fen of [0, 1, 99, 100, 1005, 123456]) expect(parseYuan(fenToYuanInput(fen))).toBe(fen)
  })
})

describe('basis points', () => {
  it.each([
    [0, '0%'],
    [1000, '10%'],
    [1250, '12.5%'],
    [1234, '12.34%'],
    [5, '0.05%'],
    [10000, '100%'],
  ])('%i bp -> %s', (bp, want) => {
    expect(formatBp(bp)).toBe(want)
  })
  it('parses percentages into basis points', () => {
    expect(parsePercent('10')).toBe(1000)
    expect(parsePercent('12.5')).toBe(1250)
    expect(parsePercent('0.05%')).toBe(5)
    expect(parsePercent('1.234')).toBeNull()
    expect(parsePercent('')).toBeNull()
  })
})
