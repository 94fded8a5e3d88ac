import { afterEach, describe, expect, it, vi } from 'vitest'
import { call, makeClient, onApiError, setCsrfToken } from './client'
import { ApiError, parseApiError } from './errors'

function respond(status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  return vi.fn(async (_req: RequestInfo | URL) => new Response(text, { status, headers: { 'Content-Type': 'application/json', ...headers } }))
}

describe('parseApiError', () => {
  it('reads the error envelope', () => {
    const e = parseApiError(400, {
      error: { code: 'invalid', reason: 'code_wrong', message: '验证码错误', fields: { code: '验证码错误', n: 3 } },
    })
    expect(e).toBeInstanceOf(ApiError)
    expect(e).toMatchObject({ status: 400, code: 'invalid', reason: 'code_wrong', message: '验证码错误' })
    expect(e.fields).toEqual({ code: '验证码错误' }) // non-string field values are dropped
    expect(e.fromServer).toBe(true)
  })

  it('takes retry_after from the body or the Retry-After header', () => {
    expect(parseApiError(429, { error: { code: 'rate_limited', message: 'slow down', retry_after: 42 } }).retryAfter).toBe(42)
    expect(parseApiError(429, { error: { code: 'rate_limited', message: 'slow down' } }, '17').retryAfter).toBe(17)
  })

  it('falls back for bodies that are not the envelope', () => {
    for (const body of ['<html>502 Bad Gateway</html>', null, { message: 'x' }, { error: 'boom' }]) {
      const e = parseApiError(502, body)
      expect(e.code).toBe('bad_response')
      expect(e.status).toBe(502)
      expect(e.fromServer).toBe(false)
    }
  })
})

describe('call', () => {
  afterEach(() => setCsrfToken(''))

  it('returns data on success', async () => {
    const api = makeClient(respond(200, { items: [{ id: 1, name: '水果' }] }))
    const data = await call(api.GET('/api/shop/categories'))
    expect(data.items?.[0].name).toBe('水果')
  })

  it('throws ApiError with the server message and tells listeners', async () => {
    const api = makeClient(respond(409, { error: { code: 'conflict', reason: 'out_of_stock', message: '库存不足' } }))
    const seen: [string, boolean | undefined][] = []
    const off = onApiError((e, opts) => seen.push([e.message, opts.silent]))
    await expect(call(api.POST('/api/shop/orders', { body: { address_id: 1, items: [] } }))).rejects.toMatchObject({
      code: 'conflict',
      reason: 'out_of_stock',
      message: '库存不足',
      status: 409,
    })
    await expect(call(api.GET('/api/shop/cart'), { silent: true })).rejects.toBeInstanceOf(ApiError)
    off()
    expect(seen).toEqual([
      ['库存不足', undefined],
      ['库存不足', true],
    ])
  })

  it('reports a network failure as code network', async () => {
    const api = makeClient(vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    }))
    await expect(call(api.GET('/api/shop/me'), { silent: true })).rejects.toMatchObject({ code: 'network', status: 0 })
  })

  it('reports a non-JSON error page as bad_response', async () => {
    const api = makeClient(respond(502, '<html>Bad Gateway</html>', { 'Content-Type': 'text/html' }))
    await expect(call(api.GET('/api/shop/me'), { silent: true })).rejects.toMatchObject({ code: 'bad_response', status: 502 })
  })

  it('sends the CSRF token on writes only', async () => {
    const fetch = respond(200, { ok: true })
    const api = makeClient(fetch)
    setCsrfToken('tok123')
    await call(api.POST('/api/shop/logout'))
    await call(api.GET('/api/shop/me'))
    const [post, get] = fetch.mock.calls.map((c) => c[0] as Request)
    expect(post.headers.get('X-CSRF-Token')).toBe('tok123')
    expect(get.headers.get('X-CSRF-Token')).toBeNull()
  })
})
