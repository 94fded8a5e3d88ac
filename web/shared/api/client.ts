// The typed API client both apps use: openapi-fetch over the generated
// schema, the session cookie sent same-origin, the session's CSRF token on
// every unsafe method, and one error path (ApiError).
import createClient, { type Middleware } from 'openapi-fetch'
import type { paths } from './schema'
import { ApiError, networkError, parseApiError } from './errors'

/** The header carrying the session's CSRF token (securitySchemes.csrf). */
export const CSRF_HEADER = 'X-CSRF-Token'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export interface CallOptions {
  /** Tell no listener to show the error: the caller shows it itself (forms, optional probes). */
  silent?: boolean
}

/** Told about every failed call (toasts, a redirect to the login page). */
export type ErrorListener = (e: ApiError, opts: CallOptions) => void

export interface ApiClientOptions {
  /** The fetch to use (tests); otherwise globalThis.fetch, looked up at call time. */
  fetch?: typeof fetch
  /** Defaults to the page's origin (http://localhost outside a browser). */
  baseUrl?: string
  /** Called on a 401 answer to any request but those to loginPaths (an expired session). */
  onUnauthenticated?: (e: ApiError) => void
  /** Paths (ending the URL) whose 401 means wrong credentials, not an expired session. */
  loginPaths?: string[]
}

type Result<T> = { data?: T; error?: unknown; response: Response }

function defaultBase(): string {
  return typeof location !== 'undefined' && location.origin !== 'null' ? location.origin : 'http://localhost'
}

/** createApiClient builds one app's client; the app keeps the session's
 * CSRF token in it with setCsrf (from login or its "me" call). */
export function createApiClient(opts: ApiClientOptions = {}) {
  let csrf = ''
  const listeners: ErrorListener[] = []
  const client = createClient<paths>({
    baseUrl: opts.baseUrl ?? defaultBase(),
    credentials: 'same-origin',
    fetch: (req: Request) => (opts.fetch ?? globalThis.fetch)(req),
  })

  const session: Middleware = {
    onRequest({ request }) {
      if (csrf && !SAFE_METHODS.has(request.method.toUpperCase())) request.headers.set(CSRF_HEADER, csrf)
      return request
    },
    async onResponse({ request, response }) {
      const path = new URL(request.url).pathname
      if (response.status === 401 && opts.onUnauthenticated && !opts.loginPaths?.some((p) => path.endsWith(p))) {
        const body: unknown = await response.clone().json().catch(() => undefined)
        opts.onUnauthenticated(parseApiError(401, body))
      }
      return response
    },
  }
  client.use(session)

  function report(e: ApiError, callOpts: CallOptions): ApiError {
    for (const l of [...listeners]) l(e, callOpts)
    return e
  }

  /** call awaits an openapi-fetch call and returns its data, or throws an
   * ApiError (after telling the listeners). */
  async function call<T>(p: Promise<Result<T>>, callOpts: CallOptions = {}): Promise<T> {
    let res: Result<T>
    try {
      res = await p
    } catch (e) {
      throw report(networkError(e), callOpts)
    }
    if (!res.response.ok || res.error !== undefined) {
      throw report(parseApiError(res.response.status, res.error, res.response.headers.get('Retry-After')), callOpts)
    }
    return res.data as T
  }

  return {
    client,
    call,
    /** Remembers the session's CSRF token ("" or undefined: none). */
    setCsrf(token: string | undefined) {
      csrf = token ?? ''
    },
    csrf: () => csrf,
    /** Adds a listener for failed calls; returns its removal. */
    onError(fn: ErrorListener): () => void {
      listeners.push(fn)
      return () => {
        const i = listeners.indexOf(fn)
        if (i >= 0) listeners.splice(i, 1)
      }
    },
  }
}

export type ApiClient = ReturnType<typeof createApiClient>
