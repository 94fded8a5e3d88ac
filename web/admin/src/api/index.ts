import { createApi } from './client'
import type { ApiError } from './errors'

let onUnauthenticated: (e: ApiError) => void = () => {}
let fallbackMessage = () => 'Request failed'

/** The app's one API client (see client.ts). main.ts wires the hooks. */
export const api = createApi({
  fallbackMessage: () => fallbackMessage(),
  onUnauthenticated: (e) => onUnauthenticated(e),
})

export const { client, unwrap } = api

export function configureApi(opts: { onUnauthenticated: (e: ApiError) => void; fallbackMessage: () => string }) {
  onUnauthenticated = opts.onUnauthenticated
  fallbackMessage = opts.fallbackMessage
}

export { ApiError, isApiError } from './errors'
