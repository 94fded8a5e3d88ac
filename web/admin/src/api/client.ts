import createClient, { type Middleware } from 'openapi-fetch'
import type { paths } from './schema'
import { ApiError, toApiError } from './errors'

/** The header carrying the session's CSRF token (securitySchemes.csrf). */
export const CSRF_HEADER = 'X-CSRF-Token'
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export interface ClientHooks {
  /** Message used when an error response carries no envelope. */
  fallbackMessage: () => string
  /** Called on any 401 from an endpoint other than login. */
  onUnauthenticated?: (e: ApiError) => void
}

/** createApi builds the typed client: cookies are sent same-origin, unsafe
 * methods carry the CSRF token, and every call resolves through `unwrap`. */
export function createApi(hooks: ClientHooks, fetchImpl?: typeof fetch) {
  let csrf = ''
  const client = createClient<paths>({
    baseUrl: '',
    credentials: 'same-origin',
    // Resolve globalThis.fetch at call time so tests and polyfills apply.
    fetch: (req: Request) => (fetchImpl ?? globalThis.fetch)(req),
  })
  const csrfMiddleware: Middleware = {
    onRequest({ request }) {
      if (UNSAFE.has(request.method.toUpperCase()) && csrf) request.headers.set(CSRF_HEADER, csrf)
      return request
    },
    async onResponse({ request, response }) {
      if (response.status === 401 && !new URL(request.url).pathname.endsWith('/api/admin/login')) {
        const body: unknown = await response.clone().json().catch(() => undefined)
        hooks.onUnauthenticated?.(toApiError(401, body, hooks.fallbackMessage()))
      }
      return response
    },
  }
  client.use(csrfMiddleware)

  /** unwrap waits for an openapi-fetch call and returns its data, or throws
   * an ApiError carrying the API's message and field errors. */
  async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
    let res: { data?: T; error?: unknown; response: Response }
    try {
      res = await call
    } catch {
      throw new ApiError(0, { code: 'network', message: hooks.fallbackMessage() })
    }
    if (res.response.ok) return res.data as T
    throw toApiError(res.response.status, res.error, hooks.fallbackMessage())
  }

  return {
    client,
    unwrap,
    setCsrf(token: string) {
      csrf = token
    },
    csrf: () => csrf,
  }
}

export type Api = ReturnType<typeof createApi>
