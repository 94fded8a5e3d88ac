import { describe, expect, it, vi } from 'vitest'
import { createApi, CSRF_HEADER } from '@/api/client'
import { ApiError } from '@/api/errors'

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

function setup(respond: (req: Request) => Response | Promise<Response>) {
  const seen: Request[] = []
  const onUnauthenticated = vi.fn()
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init)
    seen.push(req)
    return respond(req)
  }) as unknown as typeof fetch
  const api = createApi({ fallbackMessage: () => 'fallback message', onUnauthenticated }, fetchImpl)
  // openapi-fetch needs an absolute base outside a browser.
  return { api, seen, onUnauthenticated }
}

const ME = { admin: { id: 1, username: 'admin', role: 'super' }, csrf_token: 'tok-123' }

describe('API client', () => {
  it('sends the CSRF token on unsafe methods only', async () => {
    const { api, seen } = setup(() => json(200, ME))
    api.setCsrf('tok-123')
    await api.unwrap(api.client.GET('/api/admin/me', { baseUrl: 'http://localhost' }))
    await api.unwrap(api.client.POST('/api/admin/logout', { baseUrl: 'http://localhost' }))
    await api.unwrap(api.client.PUT('/api/admin/settings/order', { baseUrl: 'http://localhost', body: { auto_cancel_minutes: 30, auto_confirm_days: 7 } }))
    await api.unwrap(api.client.DELETE('/api/admin/products/{id}', { baseUrl: 'http://localhost', params: { path: { id: '3' } } }))
    expect(seen.map((r) => [r.method, r.headers.get(CSRF_HEADER)])).toEqual([
      ['GET', null],
      ['POST', 'tok-123'],
      ['PUT', 'tok-123'],
      ['DELETE', 'tok-123'],
    ])
  })

  it('sends no CSRF header before a token is known', async () => {
    const { api, seen } = setup(() => json(200, ME))
    await api.unwrap(api.client.POST('/api/admin/login', { baseUrl: 'http://localhost', body: { username: 'a', password: 'b' } }))
    expect(seen[0].headers.has(CSRF_HEADER)).toBe(false)
  })

  it('returns the data of a successful call', async () => {
    const { api } = setup(() => json(200, ME))
    const me = await api.unwrap(api.client.GET('/api/admin/me', { baseUrl: 'http://localhost' }))
    expect(me.admin?.username).toBe('admin')
  })

  it("throws the API's message, reason and field errors", async () => {
    const { api } = setup(() =>
      json(400, { error: { code: 'invalid', reason: 'bad_input', message: '请检查输入', fields: { carrier: '必填' } } }),
    )
    const err = await api
      .unwrap(api.client.POST('/api/admin/orders/{id}/ship', { baseUrl: 'http://localhost', params: { path: { id: '1' } }, body: { carrier: '', tracking_no: '' } }))
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    const e = err as ApiError
    expect([e.status, e.code, e.reason, e.message]).toEqual([400, 'invalid', 'bad_input', '请检查输入'])
    expect(e.fields).toEqual({ carrier: '必填' })
    expect(e.hasFields()).toBe(true)
  })

  it('falls back to a generic message when the body is no envelope', async () => {
    const { api } = setup(() => new Response('<html>502 Bad Gateway</html>', { status: 502 }))
    const e = (await api.unwrap(api.client.GET('/api/admin/me', { baseUrl: 'http://localhost' })).catch((x: unknown) => x)) as ApiError
    expect([e.status, e.code, e.message]).toEqual([502, 'internal', 'fallback message'])
    expect(e.fields).toEqual({})
  })

  it('turns a network failure into an ApiError', async () => {
    const { api } = setup(() => {
      throw new TypeError('Failed to fetch')
    })
    const e = (await api.unwrap(api.client.GET('/api/admin/me', { baseUrl: 'http://localhost' })).catch((x: unknown) => x)) as ApiError
    expect([e.status, e.code, e.message]).toEqual([0, 'network', 'fallback message'])
  })

  it('reports 401 to the hook, except from the login call', async () => {
    const body = { error: { code: 'unauthenticated', message: '请先登录' } }
    const { api, onUnauthenticated } = setup(() => json(401, body))
    await api.unwrap(api.client.GET('/api/admin/me', { baseUrl: 'http://localhost' })).catch(() => undefined)
    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
    await api.unwrap(api.client.POST('/api/admin/login', { baseUrl: 'http://localhost', body: { username: 'a', password: 'b' } })).catch(() => undefined)
    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
  })
})
