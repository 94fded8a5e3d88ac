// The shopper session: who is logged in, the CSRF token, login and logout.
// One module-level state shared by every page (the app has one session).
import { computed, reactive, readonly } from 'vue'
import { api, call, setCsrfToken } from '@/api/client'
import { isApiError } from '@fenxiao/shared/api/errors'
import type { Me, Shopper } from '@/api/types'

interface SessionState {
  shopper: Shopper | null
  /** /api/shop/me has answered at least once (so shopper === null means anonymous). */
  checked: boolean
}

const state = reactive<SessionState>({ shopper: null, checked: false })
let pending: Promise<void> | null = null

function apply(me: Me | null): void {
  state.shopper = me?.shopper ?? null
  setCsrfToken(me?.csrf_token)
  state.checked = true
}

/** Loads the session once (or again with force); never throws. */
export function ensureSession(force = false): Promise<void> {
  if (state.checked && !force) return Promise.resolve()
  if (!pending) {
    pending = call(api.GET('/api/shop/me'), { silent: true })
      .then((me) => apply(me))
      .catch((e) => {
        // 401 is simply "anonymous"; other failures leave us anonymous too,
        // and the next guarded navigation will ask again.
        apply(null)
        if (isApiError(e) && e.code !== 'unauthenticated') state.checked = false
      })
      .finally(() => {
        pending = null
      })
  }
  return pending
}

/** After any login: remember the session and apply a pending referral. */
async function afterLogin(me: Me): Promise<void> {
  apply(me)
  // The fx_ref cookie set by an anonymous referral visit is applied here.
  await call(api.POST('/api/shop/referral/claim'), { silent: true }).catch(() => undefined)
}

export async function loginWithSms(phone: string, code: string): Promise<Me> {
  const me = await call(api.POST('/api/shop/auth/sms-login', { body: { phone, code } }), { silent: true })
  await afterLogin(me)
  return me
}

export async function loginWithWeChat(code: string, stateParam: string): Promise<Me> {
  const me = await call(api.POST('/api/shop/auth/wechat/login', { body: { code, state: stateParam } }))
  await afterLogin(me)
  return me
}

export async function logout(): Promise<void> {
  await call(api.POST('/api/shop/logout')).catch(() => undefined)
  apply(null)
}

/** Forget the session locally (the server said 401). */
export function dropSession(): void {
  apply(null)
}

export function setShopper(s: Shopper | undefined): void {
  if (s) state.shopper = s
}

export function useSession() {
  return {
    state: readonly(state),
    shopper: computed(() => state.shopper),
    loggedIn: computed(() => state.shopper !== null),
    ensureSession,
    logout,
  }
}
