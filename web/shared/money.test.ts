import { describe, expect, it } from 'vitest'
import { fenParts, fenToYuan, formatBp, formatFen, formatFenRange, parsePercent, parseYuan } from './money'

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
    [123456789, '¥1,234,567.89'],
    [900719925474099, '¥9,007,199,254,740.99'],
    [Number.MAX_SAFE_INTEGER, '¥90,071,992,547,409.91'],
    [-5, '-¥0.05'],
    [-1234, '-¥12.34'],
    [-123456, '-¥1,234.56'],
  ])('%i fen -> %s', (fen, want) => {
    expect(formatFen(fen)).toBe(want)
  })

  it('handles amounts where float arithmetic would drift', () => {
    // 0.1 + 0.2 style errors: 29 / 100 * 100 !== 29 in floating point paths.
    expect(formatFen(29)).toBe('¥0.29')
    expect(formatFen(1005)).toBe('¥10.05')
    for (let fen = 0; fen < 2000; fen += 7) expect(formatFen(fen)).toMatch(/^¥\d{1,3}(,\d{3})*\.\d{2}$/)
  })

  it('renders a missing amount as a dash, never as a made-up zero', () => {
    expect(formatFen(undefined)).toBe('—')
    expect(formatFen(null)).toBe('—')
    expect(formatFen(Number.NaN)).toBe('—')
    expect(formatFen(Number.POSITIVE_INFINITY)).toBe('—')
  })
})

describe('fenToYuan / fenParts / formatFenRange', () => {
  it.each([
    [7, '0.07'],
    [1230, '12.30'],
    [123456, '1234.56'],
    [-250, '-2.50'],
    [undefined, ''],
    [null, ''],
  ])('fenToYuan(%s) -> %j', (fen, want) => {
    expect(fenToYuan(fen)).toBe(want)
  })
  it('splits for display', () => {
    expect(fenParts(123456)).toEqual({ sign: '', yuan: '1,234', cents: '56' })
    expect(fenParts(-5)).toEqual({ sign: '-', yuan: '0', cents: '05' })
    expect(fenParts(undefined)).toEqual({ sign: '', yuan: '0', cents: '00' })
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
    ['0.01', 1],
    ['0.05', 5],
    ['0.1', 10],
    ['0.29', 29],
    ['1.00', 100],
    ['12.', 1200],
    ['.5', 50],
    ['.05', 5],
    ['0', 0],
    ['007.10', 710],
    ['  8.88 ', 888],
    ['\u30008.88\u3000', 888], // ideographic spaces
    ['¥20', 2000],
    ['￥20', 2000],
    ['¥ 8.80', 880],
    [' ￥1,234.5 ', 123450],
    ['1,234.5', 123450],
    ['1,000', 100000],
    ['12,345,678.90', 1234567890],
    ['１２．５', 1250],
    ['１，２３４．５６', 123456],
    ['１,２３４', 123400],
    ['．５', 50],
    ['￥１２', 1200],
    ['9999999999.99', 999999999999],
    ['99999999999', 9999999999900],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
    ['90,071,992,547,409.91', Number.MAX_SAFE_INTEGER],
  ])('%j -> %i fen', (input, want) => {
    expect(parseYuan(input)).toBe(want)
  })

  it.each([
    '',
    ' ',
    '.',
    '¥',
    'abc',
    '12abc',
    '-1',
    '-0.5',
    '－１',
    '+1',
    '1.234',
    '0.001',
    '1e3',
    '12..3',
    '12.3.4',
    '0x10',
    'Infinity',
    'NaN',
    '1 234',
    '1,23',
    '12,34.5',
    ',123',
    '1,234,',
    '1,,234',
    '¥-5',
    '-¥5',
    '5¥',
    '90071992547409.92', // one fen over Number.MAX_SAFE_INTEGER
    '100000000000000',
    '99999999999999999999999',
  ])('rejects %j', (input) => {
    expect(parseYuan(input)).toBeNull()
  })

  it('rejects missing input', () => {
    expect(parseYuan(null)).toBeNull()
    expect(parseYuan(undefined)).toBeNull()
  })

  it('reads numbers as their decimal text', () => {
    expect(parseYuan(12.3)).toBe(1230)
    expect(parseYuan(0)).toBe(0)
    expect(parseYuan(1e21)).toBeNull()
  })

  it.each([
    ['-1', -100],
    ['-0.05', -5],
    ['-.5', -50],
    ['－１２．５', -1250],
    ['-¥1,234.5', -123450],
    ['¥-1,234.5', null],
    ['-0', 0],
    ['-90071992547409.91', -Number.MAX_SAFE_INTEGER],
    ['-90071992547409.92', null],
    ['--1', null],
  ])('with allowNegative: %j -> %s', (input, want) => {
    expect(parseYuan(input, { allowNegative: true })).toBe(want)
  })

  it('round-trips every seventh fen of a range exactly (no float drift)', () => {
    for (let fen = 0; fen <= 100000; fen += 7) {
      expect(parseYuan(fenToYuan(fen))).toBe(fen)
      expect(parseYuan(formatFen(fen))).toBe(fen)
      expect(parseYuan(formatFen(-fen), { allowNegative: true })).toBe(-fen || 0)
    }
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
    [undefined, '—'],
  ])('%s bp -> %s', (bp, want) => {
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
