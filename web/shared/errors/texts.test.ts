import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { ApiError, networkError, parseApiError } from '../api/errors'
import { errorMessages } from './messages'
import { errorTexts, type Translator } from './texts'

type Tree = { [k: string]: string | Tree }
function keys(t: Tree, prefix = ''): string[] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)))
}

const i18n = createI18n({ legacy: false, locale: 'zh-CN', fallbackLocale: 'zh-CN', messages: errorMessages })
const { errorText, fieldErrors } = errorTexts(i18n.global as unknown as Translator)
const setLocale = (l: 'zh-CN' | 'en') => (i18n.global.locale.value = l)

describe('error messages', () => {
  it('English has exactly the zh-CN keys', () => {
    expect(keys(errorMessages.en).sort()).toEqual(keys(errorMessages['zh-CN']).sort())
  })
})

describe('errorText / fieldErrors', () => {
  it('translates known reasons and generic codes, and keeps other server messages', () => {
    setLocale('zh-CN')
    const wrong = parseApiError(400, { error: { code: 'invalid', reason: 'code_wrong', message: 'wrong code; 4 attempts left', fields: { code: 'wrong code' } } })
    expect(errorText(wrong)).toBe('验证码错误，请重新输入')
    expect(fieldErrors(wrong)).toEqual({ code: '验证码错误，请重新输入' })
    const other = parseApiError(409, { error: { code: 'conflict', reason: 'something_new', message: 'order is not pending' } })
    expect(errorText(other)).toBe('order is not pending')
    const limited = parseApiError(429, { error: { code: 'rate_limited', message: 'too many requests' } })
    expect(errorText(limited)).toBe('操作太频繁，请稍后再试')
    const login = parseApiError(401, { error: { code: 'unauthenticated', reason: 'invalid_credentials', message: 'wrong username or password' } })
    expect(errorText(login)).toBe('用户名或密码错误')
  })

  it('puts the wait into a lock-out message', () => {
    setLocale('zh-CN')
    const locked = parseApiError(429, { error: { code: 'rate_limited', reason: 'locked', message: 'locked for 15 more minute(s)', retry_after: 841 } })
    expect(errorText(locked)).toBe('密码错误次数过多，账号已锁定，请 15 分钟后再试')
  })

  it('keeps field errors as sent when several fields fail', () => {
    const e = parseApiError(400, { error: { code: 'invalid', message: 'invalid input', fields: { name: 'is required', phone: 'must be a full mobile number' } } })
    expect(fieldErrors(e)).toEqual({ name: 'is required', phone: 'must be a full mobile number' })
  })

  it('explains failures that never reached the API', () => {
    setLocale('en')
    expect(errorText(networkError(new TypeError('Failed to fetch')))).toMatch(/Network error/)
    expect(errorText(new ApiError({ status: 502, code: 'bad_response', message: 'HTTP 502' }))).toContain('502')
    expect(errorText(parseApiError(500, { error: { code: 'internal', message: '' } }))).toBe('Something went wrong. Try again later')
    setLocale('zh-CN')
    expect(errorText(networkError(new TypeError('Failed to fetch')))).toBe('网络连接失败，请检查网络后重试')
  })

  it('shows the message of anything else thrown', () => {
    expect(errorText(new Error('boom'))).toBe('boom')
    expect(errorText('cancel')).toBe('cancel')
  })
})
