// One place that turns failed API calls into ApiError values the UI can show.
// The server answers errors as {"error":{"code","reason","message","fields"}}
// with a 4xx/5xx status; anything else (proxy HTML, network failure) gets a
// generic code so callers never have to guess.

export type ErrorCode =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal'
  | 'method_not_allowed'
  | 'network'
  | 'bad_response'

export class ApiError extends Error {
  readonly status: number
  readonly code: ErrorCode
  readonly reason: string
  readonly fields: Record<string, string>
  readonly retryAfter?: number

  constructor(init: {
    status: number
    code: ErrorCode
    message: string
    reason?: string
    fields?: Record<string, string>
    retryAfter?: number
  }) {
    super(init.message)
    this.name = 'ApiError'
    this.status = init.status
    this.code = init.code
    this.reason = init.reason ?? ''
    this.fields = init.fields ?? {}
    this.retryAfter = init.retryAfter
  }

  /** Whether the message came from the server (and so is fit to show as is). */
  get fromServer(): boolean {
    return this.code !== 'network' && this.code !== 'bad_response'
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Builds an ApiError from an HTTP status and the parsed (or raw) body. */
export function parseApiError(status: number, body: unknown, retryAfterHeader?: string | null): ApiError {
  const env = isRecord(body) && isRecord(body.error) ? body.error : null
  if (env && typeof env.code === 'string' && typeof env.message === 'string') {
    const fields: Record<string, string> = {}
    if (isRecord(env.fields)) {
      for (const [k, v] of Object.entries(env.fields)) if (typeof v === 'string') fields[k] = v
    }
    let retryAfter = typeof env.retry_after === 'number' ? env.retry_after : undefined
    if (retryAfter === undefined && retryAfterHeader && /^\d+$/.test(retryAfterHeader)) {
      retryAfter = Number(retryAfterHeader)
    }
    return new ApiError({
      status,
      code: env.code as ErrorCode,
      message: env.message,
      reason: typeof env.reason === 'string' ? env.reason : '',
      fields,
      retryAfter,
    })
  }
  return new ApiError({ status, code: 'bad_response', message: `HTTP ${status}` })
}

/** A fetch that never reached the server (offline, DNS, CORS, aborted). */
export function networkError(cause: unknown): ApiError {
  const msg = cause instanceof Error ? cause.message : String(cause)
  return new ApiError({ status: 0, code: 'network', message: msg })
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}
