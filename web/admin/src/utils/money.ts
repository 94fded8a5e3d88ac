// Money is integer fen everywhere; these helpers only use integer division
// and modulo, never floating-point arithmetic on amounts.

function group(n: string): string {
  return n.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** formatFen renders fen as yuan: 1234 -> "¥12.34", -5 -> "-¥0.05",
 * 123456789 -> "¥1,234,567.89". Missing values render as "—". */
export function formatFen(fen: number | null | undefined, symbol = '¥'): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—'
  const n = Math.trunc(fen)
  const sign = n < 0 ? '-' : ''
  const abs = Math.abs(n)
  const yuan = (abs - (abs % 100)) / 100
  const cents = abs % 100
  return `${sign}${symbol}${group(String(yuan))}.${String(cents).padStart(2, '0')}`
}

/** fenToYuanInput renders fen for an input box: 1230 -> "12.30". */
export function fenToYuanInput(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return ''
  return formatFen(fen, '').replace(/,/g, '')
}

/** parseYuan reads a yuan amount typed by a person ("12", "12.3", "12.34",
 * "1,234.5") into fen, or null when it is not a non-negative amount with at
 * most two decimals. */
export function parseYuan(input: string | number | null | undefined): number | null {
  if (input === null || input === undefined) return null
  const s = String(input).trim().replace(/,/g, '').replace(/^¥/, '')
  const m = /^(\d{1,13})(?:\.(\d{0,2}))?$/.exec(s)
  if (!m) return null
  const yuan = Number(m[1])
  const cents = Number((m[2] ?? '').padEnd(2, '0'))
  return yuan * 100 + cents
}

/** formatBp renders basis points as a percentage: 1000 -> "10%",
 * 1250 -> "12.5%", 5 -> "0.05%". */
export function formatBp(bp: number | null | undefined): string {
  if (bp === null || bp === undefined || !Number.isFinite(bp)) return '—'
  const n = Math.trunc(bp)
  const sign = n < 0 ? '-' : ''
  const abs = Math.abs(n)
  const whole = (abs - (abs % 100)) / 100
  const frac = String(abs % 100).padStart(2, '0').replace(/0+$/, '')
  return `${sign}${whole}${frac ? '.' + frac : ''}%`
}

/** parsePercent reads "12.5" (percent) into basis points 1250, or null. */
export function parsePercent(input: string | number | null | undefined): number | null {
  if (input === null || input === undefined) return null
  const m = /^(\d{1,3})(?:\.(\d{0,2}))?$/.exec(String(input).trim().replace(/%$/, ''))
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}
