// One place that turns failed API calls into ApiError values the UI can show.
// The server answers errors as
//   {"error":{"code","reason","message","fields","retry_after"}}
// with a 4xx/5xx status; anything else (a proxy's HTML page, a network
// failure) gets a client-side code so callers never have to guess.
import type { components } from './schema'

type Envelope = NonNullable<components['schemas']['Error']['error']>

/** The API's error codes, plus the client's own: "network" (the request
 * never reached the server) and "bad_response" (an answer without the
 * envelope). */
export type ErrorCode = Envelope['code'] | 'network' | 'bad_response'

export interface ApiErrorInit {
  status: number
  code: ErrorCode
  message: string
  reason?: string
  fields?: Record<string, string>
  retryAfter?: number
}

export class ApiError extends Error {
  /** The HTTP status; 0 when the request never got an answer. */
  readonly status: number
  readonly code: ErrorCode
  /** A finer code within code (e.g. "out_of_stock" under conflict), or "". */
  readonly reason: string
  /** Messages per input field. */
  readonly fields: Record<string, string>
  /** Seconds to wait before trying again (rate_limited). */
  readonly retryAfter?: number

  constructor(init: ApiErrorInit) {
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

  hasFields(): boolean {
    return Object.keys(this.fields).length > 0
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function stringFields(v: unknown): Record<string, string> {
  const fields: Record<string, string> = {}
  if (isRecord(v)) for (const [k, s] of Object.entries(v)) if (typeof s === 'string') fields[k] = s
  return fields
}

/** Builds an ApiError from an HTTP status and the parsed (or raw) body;
 * retry_after falls back to a numeric Retry-After header. */
export function parseApiError(status: number, body: unknown, retryAfterHeader?: string | null): ApiError {
  const env = isRecord(body) && isRecord(body.error) ? body.error : null
  if (!env || typeof env.code !== 'string' || typeof env.message !== 'string') {
    return new ApiError({ status, code: 'bad_response', message: `HTTP ${status}` })
  }
  let retryAfter = typeof env.retry_after === 'number' ? env.retry_after : undefined
  if (retryAfter === undefined && retryAfterHeader && /^\d+$/.test(retryAfterHeader)) retryAfter = Number(retryAfterHeader)
  return new ApiError({
    status,
    code: env.code as ErrorCode,
    message: env.message,
    reason: typeof env.reason === 'string' ? env.reason : '',
    fields: stringFields(env.fields),
    retryAfter,
  })
}

/** A fetch that never reached the server (offline, DNS, CORS, aborted). */
export function networkError(cause: unknown): ApiError {
  const msg = cause instanceof Error ? cause.message : String(cause)
  return new ApiError({ status: 0, code: 'network', message: msg })
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}
