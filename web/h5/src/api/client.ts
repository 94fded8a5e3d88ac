// The typed API client shared by every page: openapi-fetch over the
// generated schema, plus the CSRF header and one error path.
import createClient, { type Middleware } from 'openapi-fetch'
import type { paths } from './schema'
import { ApiError, networkError, parseApiError } from './errors'

let csrfToken = ''

/** Remembers the session's CSRF token (from login or /api/shop/me). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token ?? ''
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD' && csrfToken) {
      request.headers.set('X-CSRF-Token', csrfToken)
    }
    return request
  },
}

export function makeClient(fetchImpl?: typeof fetch) {
  const base = typeof location !== 'undefined' && location.origin !== 'null' ? location.origin : 'http://localhost'
  const c = createClient<paths>({
    baseUrl: base,
    credentials: 'same-origin',
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  })
  c.use(csrf)
  return c
}

export const api = makeClient()

type Result<T> = { data?: T; error?: unknown; response: Response }

/** Listeners told about every failed call (toasts, redirect to login). */
type ErrorListener = (e: ApiError, opts: CallOptions) => void
const listeners: ErrorListener[] = []
export function onApiError(fn: ErrorListener): () => void {
  listeners.push(fn)
  return () => listeners.splice(listeners.indexOf(fn), 1)
}

export interface CallOptions {
  /** Do not toast: the caller shows the error itself (forms, optional probes). */
  silent?: boolean
}

/**
 * Awaits an openapi-fetch call and returns its data, or throws ApiError
 * (after telling the listeners, which toast the message unless silent).
 */
export async function call<T>(p: Promise<Result<T>>, opts: CallOptions = {}): Promise<T> {
  let res: Result<T>
  try {
    res = await p
  } catch (e) {
    throw report(networkError(e), opts)
  }
  if (!res.response.ok || res.error !== undefined) {
    throw report(parseApiError(res.response.status, res.error, res.response.headers.get('Retry-After')), opts)
  }
  return res.data as T
}

function report(e: ApiError, opts: CallOptions): ApiError {
  for (const l of [...listeners]) l(e, opts)
  return e
}
