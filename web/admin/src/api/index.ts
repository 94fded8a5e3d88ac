import { createApiClient } from '@fenxiao/shared/api/client'
import type { ApiError } from '@fenxiao/shared/api/errors'

let onUnauthenticated: (e: ApiError) => void = () => {}

/** The admin's one API client (@fenxiao/shared/api/client): a 401 from
 * anything but the login call means the session is gone (main.ts wires
 * what happens then). */
export const api = createApiClient({
  onUnauthenticated: (e) => onUnauthenticated(e),
  loginPaths: ['/api/admin/login'],
})

export const { client, call } = api

export function configureApi(opts: { onUnauthenticated: (e: ApiError) => void }) {
  onUnauthenticated = opts.onUnauthenticated
}

export { ApiError, isApiError } from '@fenxiao/shared/api/errors'
