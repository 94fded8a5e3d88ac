// Region names <-> Vant area codes for the address editor.
import { areaList } from '@vant/area-data'

export interface Region {
  province: string
  city: string
  district: string
}

/** The county code for a region by names ('' when not found). */
export function regionCode(r: Region): string {
  for (const [code, name] of Object.entries(areaList.county_list)) {
    if (name !== r.district) continue
    const city = areaList.city_list[code.slice(0, 4) + '00']
    const prov = areaList.province_list[code.slice(0, 2) + '0000']
    if (city === r.city && prov === r.province) return code
  }
  return ''
}

/** Region names from the options Vant's Area picker confirms. */
export function regionFromOptions(opts: ({ text?: string } | undefined)[]): Region {
  const [p, c, d] = opts.map((o) => o?.text ?? '')
  return { province: p ?? '', city: c ?? '', district: d ?? '' }
}

export function regionText(r: Partial<Region>): string {
  return [r.province, r.city, r.district].filter(Boolean).join(' ')
}

export { areaList }
