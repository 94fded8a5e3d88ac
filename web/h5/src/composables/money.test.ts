import { describe, expect, it } from 'vitest'
import { fenParts, fenToYuan, formatFen, formatFenRange, parseYuan, withdrawalFee } from './money'

describe('formatFen', () => {
  it.each([
    [0, '¥0.00'],
    [1, '¥0.01'],
    [10, '¥0.10'],
    [99, '¥0.99'],
    [100, '¥1.00'],
    [1234, '¥12.34'],
    [3990, '¥39.90'],
    [100000, '¥1,000.00'],
    [12345678, '¥123,456.78'],
    [-5, '-¥0.05'],
    [-1234, '-¥12.34'],
  ])('%i fen -> %s', (fen, want) => {
    expect(formatFen(fen)).toBe(want)
  })

  it('handles amounts where float arithmetic would drift', () => {
    // 0.1 + 0.2 style errors: 29 / 100 * 100 !== 29 in floating point paths.
    expect(formatFen(29)).toBe('¥0.29')
    expect(formatFen(1005)).toBe('¥10.05')
    expect(formatFen(Number.MAX_SAFE_INTEGER)).toBe('¥90,071,992,547,409.91')
  })

  it('treats missing or invalid input as zero', () => {
    expect(formatFen(undefined)).toBe('¥0.00')
    expect(formatFen(null)).toBe('¥0.00')
    expect(formatFen(Number.NaN)).toBe('¥0.00')
  })
})

describe('fenToYuan / fenParts / range', () => {
  it('formats without symbol', () => {
    expect(fenToYuan(7)).toBe('0.07')
    expect(fenToYuan(123456)).toBe('1234.56')
    expect(fenToYuan(-250)).toBe('-2.50')
  })
  it('splits for display', () => {
    expect(fenParts(123456)).toEqual({ sign: '', yuan: '1,234', cents: '56' })
  })
  it('ranges', () => {
    expect(formatFenRange(3990, 3990)).toBe('¥39.90')
    expect(formatFenRange(3990, 6990)).toBe('¥39.90 - 69.90')
  })
})

describe('parseYuan', () => {
  it.each([
    ['12', 1200],
    ['12.3', 1230],
    ['12.34', 1234],
    ['0.05', 5],
    ['0.1', 10],
    ['0.29', 29],
    ['1.00', 100],
    ['12.', 1200],
    ['.5', 50],
    ['  8.88 ', 888],
    ['¥20', 2000],
    ['007.10', 710],
    ['0', 0],
    ['１２．５', 1250],
    ['9999999999.99', 999999999999],
  ])('%s -> %i fen', (input, want) => {
    expect(parseYuan(input)).toBe(want)
  })

  it.each(['', ' ', '.', 'abc', '-1', '+1', '1.234', '1,000', '1e3', '12..3', '99999999999', '0x10', 'Infinity'])(
    'rejects %j',
    (input) => {
      expect(parseYuan(input)).toBeNull()
    },
  )

  it('round-trips every cent of a range exactly (no float drift)', () => {
    for (let fen = 0; fen <= 100000; fen += 7) expect(parseYuan(fenToYuan(fen))).toBe(fen)
  })
})

describe('withdrawalFee', () => {
  it.each([
    [1050, 100, 10], // 10.5 fen floors to 10, as the server does
    [100, 0, 0],
    [999, 50, 4],
    [100_000_000_000, 5000, 50_000_000_000],
  ])('%d fen at %d bp is %d', (fen, bp, want) => {
    expect(withdrawalFee(fen, bp)).toBe(want)
  })
})
