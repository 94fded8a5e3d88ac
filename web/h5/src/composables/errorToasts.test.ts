// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { ApiError, networkError, parseApiError } from '@/api/errors'
import { setLocale } from '@/i18n'
import { errorText, fieldErrors } from './errorToasts'

describe('error texts', () => {
  it('translates known reasons and keeps other server messages', () => {
    setLocale('zh-CN')
    const wrong = parseApiError(400, { error: { code: 'invalid', reason: 'code_wrong', message: 'wrong code; 4 attempts left', fields: { code: 'wrong code' } } })
    expect(errorText(wrong)).toBe('验证码错误，请重新输入')
    expect(fieldErrors(wrong)).toEqual({ code: '验证码错误，请重新输入' })
    const other = parseApiError(409, { error: { code: 'conflict', reason: 'something_new', message: 'order is not pending' } })
    expect(errorText(other)).toBe('order is not pending')
    const limited = parseApiError(429, { error: { code: 'rate_limited', message: 'too many requests' } })
    expect(errorText(limited)).toBe('操作太频繁，请稍后再试')
  })

  it('keeps field errors as sent when several fields fail', () => {
    const e = parseApiError(400, { error: { code: 'invalid', message: 'invalid input', fields: { name: 'is required', phone: 'must be a full mobile number' } } })
    expect(fieldErrors(e)).toEqual({ name: 'is required', phone: 'must be a full mobile number' })
  })

  it('explains failures that never reached the API', () => {
    setLocale('en')
    expect(errorText(networkError(new TypeError('Failed to fetch')))).toMatch(/Network error/)
    expect(errorText(new ApiError({ status: 502, code: 'bad_response', message: 'HTTP 502' }))).toContain('502')
    setLocale('zh-CN')
  })
})
