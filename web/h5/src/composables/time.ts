// Dates from the API are RFC 3339; shown in the shopper's local time.

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** "2026-11-24 03:26" (local time); '' for missing values. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}
