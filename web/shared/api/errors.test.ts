import { describe, expect, it } from 'vitest'
import { ApiError, isApiError, networkError, parseApiError } from './errors'

describe('parseApiError', () => {
  it('reads the error envelope', () => {
    const e = parseApiError(400, {
      error: { code: 'invalid', reason: 'code_wrong', message: '验证码错误', fields: { code: '验证码错误', n: 3 } },
    })
    expect(e).toBeInstanceOf(ApiError)
    expect(isApiError(e)).toBe(true)
    expect(e).toMatchObject({ status: 400, code: 'invalid', reason: 'code_wrong', message: '验证码错误' })
    expect(e.fields).toEqual({ code: '验证码错误' }) // non-string field values are dropped
    expect(e.hasFields()).toBe(true)
    expect(e.fromServer).toBe(true)
  })

  it('defaults reason and fields', () => {
    const e = parseApiError(404, { error: { code: 'not_found', message: 'no such order' } })
    expect([e.reason, e.fields, e.hasFields(), e.retryAfter]).toEqual(['', {}, false, undefined])
  })

  it('takes retry_after from the body or the Retry-After header', () => {
    expect(parseApiError(429, { error: { code: 'rate_limited', message: 'slow down', retry_after: 42 } }).retryAfter).toBe(42)
    expect(parseApiError(429, { error: { code: 'rate_limited', message: 'slow down' } }, '17').retryAfter).toBe(17)
    expect(parseApiError(429, { error: { code: 'rate_limited', message: 'slow down' } }, 'Wed, 21 Oct 2026 07:28:00 GMT').retryAfter).toBeUndefined()
  })

  it('falls back for bodies that are not the envelope', () => {
    for (const body of ['<html>502 Bad Gateway</html>', null, undefined, { message: 'x' }, { error: 'boom' }, { error: { code: 'x' } }]) {
      const e = parseApiError(502, body)
      expect([e.status, e.code, e.message, e.fromServer]).toEqual([502, 'bad_response', 'HTTP 502', false])
    }
  })
})

describe('networkError', () => {
  it('is status 0, code network, with the cause as message', () => {
    const e = networkError(new TypeError('Failed to fetch'))
    expect([e.status, e.code, e.message, e.fromServer]).toEqual([0, 'network', 'Failed to fetch', false])
    expect(networkError('offline').message).toBe('offline')
  })
})
