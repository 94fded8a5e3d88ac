import { describe, expect, it, vi } from 'vitest'
import { createApiClient, CSRF_HEADER, type ApiClientOptions } from './client'
import { ApiError } from './errors'

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  return new Response(text, { status, headers: { 'Content-Type': 'application/json', ...headers } })
}

/** A client whose requests are answered by respond and recorded in seen. */
function setup(respond: (req: Request) => Response | Promise<Response>, opts: ApiClientOptions = {}) {
  const seen: Request[] = []
  const fetch = vi.fn(async (req: Request) => {
    seen.push(req)
    return respond(req)
  }) as unknown as typeof globalThis.fetch
  return { api: createApiClient({ ...opts, fetch }), seen }
}

const ME = { admin: { id: 1, username: 'admin', role: 'super' }, csrf_token: 'tok-123' }

describe('createApiClient', () => {
  it('sends the CSRF token on unsafe methods only', async () => {
    const { api, seen } = setup(() => json(200, ME))
    api.setCsrf('tok-123')
    await api.call(api.client.GET('/api/admin/me'))
    await api.call(api.client.POST('/api/admin/logout'))
    await api.call(api.client.PUT('/api/admin/settings/order', { body: { auto_cancel_minutes: 30, auto_confirm_days: 7 } }))
    await api.call(api.client.PATCH('/api/shop/me', { body: { nickname: 'x' } }))
    await api.call(api.client.DELETE('/api/admin/products/{id}', { params: { path: { id: '3' } } }))
    expect(seen.map((r) => [r.method, r.headers.get(CSRF_HEADER)])).toEqual([
      ['GET', null],
      ['POST', 'tok-123'],
      ['PUT', 'tok-123'],
      ['PATCH', 'tok-123'],
      ['DELETE', 'tok-123'],
    ])
    expect(api.csrf()).toBe('tok-123')
  })

  it('sends no CSRF header before a token is known or after it is dropped', async () => {
    const { api, seen } = setup(() => json(200, ME))
    await api.call(api.client.POST('/api/admin/login', { body: { username: 'a', password: 'b' } }))
    api.setCsrf('tok')
    api.setCsrf(undefined)
    await api.call(api.client.POST('/api/shop/logout'))
    expect(seen.map((r) => r.headers.has(CSRF_HEADER))).toEqual([false, false])
  })

  it('sends the session cookie same-origin to the page origin', async () => {
    const { api, seen } = setup(() => json(200, ME))
    await api.call(api.client.GET('/api/admin/me'))
    expect(seen[0].credentials).toBe('same-origin')
    expect(seen[0].url).toBe('http://localhost/api/admin/me')
  })

  it('returns the data of a successful call', async () => {
    const { api } = setup(() => json(200, { items: [{ id: 1, name: '水果' }] }))
    const data = await api.call(api.client.GET('/api/shop/categories'))
    expect(data.items?.[0].name).toBe('水果')
  })

  it("throws the API's code, reason, message and field errors, and tells listeners", async () => {
    const { api } = setup(() =>
      json(400, { error: { code: 'invalid', reason: 'bad_input', message: '请检查输入', fields: { carrier: '必填' } } }),
    )
    const seen: [string, boolean | undefined][] = []
    const off = api.onError((e, opts) => seen.push([e.message, opts.silent]))
    const ship = () =>
      api.call(api.client.POST('/api/admin/orders/{id}/ship', { params: { path: { id: '1' } }, body: { carrier: '', tracking_no: '' } }))
    const e = (await ship().catch((x: unknown) => x)) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect([e.status, e.code, e.reason, e.message]).toEqual([400, 'invalid', 'bad_input', '请检查输入'])
    expect(e.fields).toEqual({ carrier: '必填' })
    await expect(api.call(api.client.GET('/api/shop/cart'), { silent: true })).rejects.toBeInstanceOf(ApiError)
    off()
    off() // a second removal removes nothing else
    await ship().catch(() => undefined)
    expect(seen).toEqual([
      ['请检查输入', undefined],
      ['请检查输入', true],
    ])
  })

  it('reads retry_after from the Retry-After header when the body has none', async () => {
    const { api } = setup(() => json(429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'Retry-After': '30' }))
    await expect(api.call(api.client.GET('/api/shop/me'))).rejects.toMatchObject({ code: 'rate_limited', retryAfter: 30 })
  })

  it('reports a non-JSON error page as bad_response', async () => {
    const { api } = setup(() => new Response('<html>502 Bad Gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }))
    const e = (await api.call(api.client.GET('/api/admin/me')).catch((x: unknown) => x)) as ApiError
    expect([e.status, e.code, e.fields]).toEqual([502, 'bad_response', {}])
  })

  it('turns a network failure into code network (and tells listeners)', async () => {
    const { api } = setup(() => {
      throw new TypeError('Failed to fetch')
    })
    const codes: string[] = []
    api.onError((e) => codes.push(e.code))
    await expect(api.call(api.client.GET('/api/shop/me'), { silent: true })).rejects.toMatchObject({ code: 'network', status: 0 })
    expect(codes).toEqual(['network'])
  })

  it('reports a 401 to onUnauthenticated, except from the login paths', async () => {
    const onUnauthenticated = vi.fn()
    const body = { error: { code: 'unauthenticated', reason: 'invalid_credentials', message: 'wrong username or password' } }
    const { api } = setup(() => json(401, body), { onUnauthenticated, loginPaths: ['/api/admin/login'] })
    await api.call(api.client.GET('/api/admin/me')).catch(() => undefined)
    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
    expect(onUnauthenticated.mock.calls[0][0]).toMatchObject({ status: 401, code: 'unauthenticated' })
    const login = await api.call(api.client.POST('/api/admin/login', { body: { username: 'a', password: 'b' } })).catch((x: unknown) => x)
    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
    expect(login).toMatchObject({ status: 401, reason: 'invalid_credentials' }) // the body is still read by the caller
  })
})
