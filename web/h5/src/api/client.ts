// The store's API client (@fenxiao/shared/api/client): every failed call is
// told to the listeners (toasts, the redirect to login: errorToasts.ts).
import { createApiClient } from '@fenxiao/shared/api/client'

const shop = createApiClient()

/** The typed openapi-fetch client. */
export const api = shop.client
/** Awaits a call and returns its data, or throws ApiError (toasted unless silent). */
export const call = shop.call
/** Listeners told about every failed call; returns the removal. */
export const onApiError = shop.onError
/** Remembers the session's CSRF token (from login or /api/shop/me). */
export const setCsrfToken = shop.setCsrf
