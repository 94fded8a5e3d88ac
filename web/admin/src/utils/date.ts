// The merchant works in Asia/Shanghai (the API's day boundaries use it).
export const SHOP_TZ = 'Asia/Shanghai'

const dtf = new Intl.DateTimeFormat('en-CA', {
  timeZone: SHOP_TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

function parts(d: Date): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of dtf.formatToParts(d)) out[p.type] = p.value
  return out
}

/** formatDateTime: "2026-11-23T10:05:00Z" -> "2026-11-23 18:05" (Shanghai). */
export function formatDateTime(iso: string | null | undefined, seconds = false): string {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1971) return '—'
  const p = parts(d)
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${seconds ? ':' + p.second : ''}`
}

/** dayStart turns a Shanghai date "2026-11-23" into RFC 3339 at its midnight. */
export function dayStart(day: string): string {
  return `${day}T00:00:00+08:00`
}

/** dayEndExclusive is the midnight after a Shanghai date, as RFC 3339. */
export function dayEndExclusive(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  const next = new Date(Date.UTC(y, m - 1, d + 1))
  const s = next.toISOString().slice(0, 10)
  return `${s}T00:00:00+08:00`
}

/** withDayRange turns a list query's from/to (Shanghai days, inclusive)
 * into the RFC 3339 range [from's midnight, the midnight after to). */
export function withDayRange<Q extends { from?: string; to?: string }>(query: Q): Q {
  const { from, to } = query
  return { ...query, from: from ? dayStart(from) : undefined, to: to ? dayEndExclusive(to) : undefined }
}
