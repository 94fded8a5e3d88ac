import type { components } from './schema'

export type ErrorBody = NonNullable<components['schemas']['Error']['error']>
/** The error codes of the API plus the client's own "network". */
export type ErrorCode = ErrorBody['code'] | 'network'

/** ApiError is every failed API call: the server's error envelope, or a
 * network/parse failure (code "network" / "internal", status 0 or the HTTP
 * status). `message` is always displayable. */
export class ApiError extends Error {
  readonly status: number
  readonly code: ErrorCode
  readonly reason: string
  readonly fields: Record<string, string>
  readonly retryAfter?: number

  constructor(status: number, body: Partial<Omit<ErrorBody, 'code'>> & { message: string; code?: ErrorCode }) {
    super(body.message)
    this.name = 'ApiError'
    this.status = status
    this.code = body.code ?? 'internal'
    this.reason = body.reason ?? ''
    this.fields = body.fields ?? {}
    this.retryAfter = body.retry_after
  }

  hasFields(): boolean {
    return Object.keys(this.fields).length > 0
  }
}

function isEnvelope(v: unknown): v is { error: ErrorBody } {
  if (typeof v !== 'object' || v === null || !('error' in v)) return false
  const e = (v as { error: unknown }).error
  return typeof e === 'object' && e !== null && typeof (e as ErrorBody).message === 'string'
}

/** toApiError turns a failed response's status and decoded body (the
 * envelope, or anything else a proxy may answer) into an ApiError.
 * `fallback` is the message used when the body carries none. */
export function toApiError(status: number, body: unknown, fallback: string): ApiError {
  if (isEnvelope(body)) return new ApiError(status, body.error)
  const code: ErrorCode = status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : status === 404 ? 'not_found' : 'internal'
  return new ApiError(status, { code, message: fallback })
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}
