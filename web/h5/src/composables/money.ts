// Money in the API is integer fen. These helpers format it with integer
// division and modulo only, never floating-point arithmetic on amounts.

function split(fen: number): { sign: string; yuan: number; cents: number } {
  const n = Number.isFinite(fen) ? Math.round(fen) : 0 // fen is an integer; guard bad input
  const abs = Math.abs(n)
  return { sign: n < 0 ? '-' : '', yuan: Math.floor(abs / 100), cents: abs % 100 }
}

function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** 1234 -> "¥12.34"; -5 -> "-¥0.05"; grouping: 12345678 -> "¥123,456.78". */
export function formatFen(fen: number | null | undefined): string {
  const { sign, yuan, cents } = split(fen ?? 0)
  return `${sign}¥${groupThousands(yuan)}.${String(cents).padStart(2, '0')}`
}

/** 1234 -> "12.34" (no symbol, no grouping: for inputs and split rendering). */
export function fenToYuan(fen: number | null | undefined): string {
  const { sign, yuan, cents } = split(fen ?? 0)
  return `${sign}${yuan}.${String(cents).padStart(2, '0')}`
}

/** Parts for big-price rendering: 1234 -> { yuan: "12", cents: "34" }. */
export function fenParts(fen: number | null | undefined): { sign: string; yuan: string; cents: string } {
  const { sign, yuan, cents } = split(fen ?? 0)
  return { sign, yuan: groupThousands(yuan), cents: String(cents).padStart(2, '0') }
}

/** "¥12.34" or "¥12.34 起"-style range: min..max of SKU prices. */
export function formatFenRange(min: number, max: number): string {
  return min === max ? formatFen(min) : `${formatFen(min)} - ${fenToYuan(max)}`
}

/** Largest amount parseYuan accepts: ten billion yuan, far inside exact integers. */
const MAX_YUAN_DIGITS = 10

/**
 * What a shopper typed as yuan -> integer fen, by string math only:
 * "12" -> 1200, "12.3" -> 1230, "0.05" -> 5, "12." -> 1200, ".5" -> 50.
 * null for anything else (empty, signs, letters, more than two decimals,
 * more than ten integer digits). "0" gives 0; callers decide if zero is allowed.
 */
export function parseYuan(input: string): number | null {
  const s = input.trim().replace(/^¥/, '').replace(/[\uff10-\uff19]/g, (c) => String(c.charCodeAt(0) - 0xff10)).replace('\uff0e', '.')
  const m = /^(\d*)(?:\.(\d{0,2}))?$/.exec(s)
  if (!m || (m[1] === '' && !m[2])) return null
  const whole = m[1].replace(/^0+(?=\d)/, '')
  if (whole.length > MAX_YUAN_DIGITS) return null
  const cents = (m[2] ?? '').padEnd(2, '0')
  return Number(whole || '0') * 100 + Number(cents)
}

/**
 * The withdrawal fee the server charges: floor(fen * bp / 10000), so a
 * distributor is never charged a fraction of a fen more than the rate.
 * Exact for any amount the server accepts (fen * 5000 stays far below 2^53).
 */
export function withdrawalFee(fen: number, bp: number): number {
  return Math.floor((fen * bp) / 10000)
}
