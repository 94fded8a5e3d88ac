// Money in the API is integer fen. These helpers format it with integer
// division and modulo only, and read what a person typed with string and
// integer (BigInt) arithmetic: never floating-point arithmetic on amounts.

function split(fen: number): { sign: string; yuan: number; cents: number } {
  const n = Math.trunc(fen)
  const abs = Math.abs(n)
  return { sign: n < 0 ? '-' : '', yuan: (abs - (abs % 100)) / 100, cents: abs % 100 }
}

function known(fen: number | null | undefined): fen is number {
  return typeof fen === 'number' && Number.isFinite(fen)
}

function group(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

const pad = (cents: number) => String(cents).padStart(2, '0')

/** formatFen renders fen as yuan: 1234 -> "¥12.34", -5 -> "-¥0.05",
 * 123456789 -> "¥1,234,567.89". A missing amount renders as "—". */
export function formatFen(fen: number | null | undefined): string {
  if (!known(fen)) return '—'
  const { sign, yuan, cents } = split(fen)
  return `${sign}¥${group(yuan)}.${pad(cents)}`
}

/** fenToYuan renders fen for an input box or a plain figure: 1230 -> "12.30"
 * (no symbol, no grouping); a missing amount is "". */
export function fenToYuan(fen: number | null | undefined): string {
  if (!known(fen)) return ''
  const { sign, yuan, cents } = split(fen)
  return `${sign}${yuan}.${pad(cents)}`
}

/** Parts for big-price rendering: 123456 -> { sign: "", yuan: "1,234", cents: "56" }
 * (a missing amount as zero). */
export function fenParts(fen: number | null | undefined): { sign: string; yuan: string; cents: string } {
  const { sign, yuan, cents } = split(known(fen) ? fen : 0)
  return { sign, yuan: group(yuan), cents: pad(cents) }
}

/** A price range: "¥39.90" when min == max, else "¥39.90 - 69.90". */
export function formatFenRange(min: number, max: number): string {
  return min === max ? formatFen(min) : `${formatFen(min)} - ${fenToYuan(max)}`
}

const MAX_FEN = BigInt(Number.MAX_SAFE_INTEGER)
// Full-width forms a Chinese keyboard types: digits, point, comma, minus.
const FULL_WIDTH = /[\uff10-\uff19\uff0e\uff0c\uff0d]/g
const halfWidth = (c: string) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)
// sign, currency, whole yuan (plain or grouped by thousands), up to two decimals
const AMOUNT = /^(-?)[¥￥]?\s*(\d+|\d{1,3}(?:,\d{3})+)?(?:\.(\d{0,2}))?$/

export interface ParseYuanOptions {
  /** Accept a leading minus (adjustments); amounts are non-negative by default. */
  allowNegative?: boolean
}

/**
 * parseYuan reads a yuan amount a person typed into integer fen, or null.
 *
 * Accepted: "12", "12.3", "12.34", "12." (= 1200), ".5" (= 50), "007.10",
 * thousands separators in their places ("1,234.5"), full-width digits, point,
 * comma and minus ("１２．５", "１，２３４"), surrounding spaces, and a "¥" or
 * "￥" before the number (after the minus: "-¥0.05", as formatFen writes it). "0" is 0; callers decide whether zero is allowed.
 *
 * Rejected (null): empty input, letters and other signs ("+1", "1e3",
 * "0x10", "Infinity"), more than two decimals, misplaced separators
 * ("1,23"), a minus unless allowNegative, and anything beyond
 * Number.MAX_SAFE_INTEGER fen (the largest amount a JS number holds exactly).
 */
export function parseYuan(input: string | number | null | undefined, opts: ParseYuanOptions = {}): number | null {
  if (input === null || input === undefined) return null
  const m = AMOUNT.exec(String(input).replace(FULL_WIDTH, halfWidth).trim())
  if (!m) return null
  const [, minus, whole = '', decimals] = m
  if (whole === '' && !decimals) return null // "", ".", "-"
  if (minus && !opts.allowNegative) return null
  const fen = BigInt(whole.replace(/,/g, '') || '0') * 100n + BigInt((decimals ?? '').padEnd(2, '0'))
  if (fen > MAX_FEN) return null
  return minus && fen > 0n ? -Number(fen) : Number(fen)
}

/** formatBp renders basis points as a percentage: 1000 -> "10%",
 * 1250 -> "12.5%", 5 -> "0.05%". */
export function formatBp(bp: number | null | undefined): string {
  if (!known(bp)) return '—'
  const { sign, yuan: percent, cents: hundredths } = split(bp) // bp / 100, as fen / 100
  const frac = pad(hundredths).replace(/0+$/, '')
  return `${sign}${percent}${frac ? '.' + frac : ''}%`
}

/** parsePercent reads "12.5" (percent, at most two decimals, up to 999)
 * into basis points 1250, or null. */
export function parsePercent(input: string | number | null | undefined): number | null {
  if (input === null || input === undefined) return null
  const m = /^(\d{1,3})(?:\.(\d{0,2}))?$/.exec(String(input).trim().replace(/%$/, ''))
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}
