// Referral links: /s/{code} (a distributor's shop) and /s/{code}?p={id}
// (a shared product). The visit is recorded with the server, which binds a
// logged-in shopper at once or keeps a signed cookie until login (claimed in
// useSession). The referrer is remembered locally to show "由 X 推荐".
import { ref } from 'vue'
import { api, call } from '@/api/client'
import type { VisitResult } from '@/api/types'

export interface Referrer {
  code: string
  nickname: string
  avatarUrl: string
  shopTitle: string
  productId?: number
  at: number
}

const KEY = 'fx_referrer'
const TTL_MS = 30 * 24 * 3600 * 1000 // the server's fx_ref cookie lives 30 days

function read(): Referrer | null {
  try {
    const raw = localStorage.getItem(KEY)
    if (!raw) return null
    const r = JSON.parse(raw) as Referrer
    return typeof r.code === 'string' && Date.now() - r.at < TTL_MS ? r : null
  } catch {
    return null
  }
}

const current = ref<Referrer | null>(read())

export type VisitSource = 'link' | 'product_link' | 'qr' | 'code'

/** Records the visit and remembers who referred us; throws ApiError (404 unknown code). */
export async function recordVisit(code: string, source: VisitSource, productId?: number): Promise<VisitResult> {
  const res = await call(
    api.POST('/api/shop/referral/visit', { body: { code, source, ...(productId ? { product_id: productId } : {}) } }),
    { silent: true },
  )
  const d = res.distributor ?? {}
  const r: Referrer = {
    code,
    nickname: d.nickname ?? '',
    avatarUrl: d.avatar_url ?? '',
    shopTitle: d.shop_title ?? '',
    productId,
    at: Date.now(),
  }
  current.value = r
  try {
    localStorage.setItem(KEY, JSON.stringify(r))
  } catch {
    /* private mode: the banner just won't persist */
  }
  return res
}

export function useReferral() {
  return { referrer: current }
}

/**
 * A server URL (QR image, upload) as a path on this origin: the server's
 * base URL may name another host in development, and a canvas may only
 * export images from its own origin.
 */
export function sameOriginPath(u: string | undefined): string {
  if (!u) return ''
  try {
    const parsed = new URL(u, location.origin)
    return parsed.origin === location.origin || parsed.pathname.startsWith('/api/') || parsed.pathname.startsWith('/uploads/')
      ? parsed.pathname + parsed.search
      : u
  } catch {
    return u
  }
}
