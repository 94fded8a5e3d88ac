import { computed, reactive } from 'vue'
import { api, client, call } from '@/api'
import type { AdminUser, Me } from '@/api/types'
import { isApiError } from '@fenxiao/shared/api/errors'

interface AuthState {
  admin: AdminUser | null
  checked: boolean
}

const state = reactive<AuthState>({ admin: null, checked: false })

function accept(me: Me) {
  state.admin = me.admin ?? null
  state.checked = true
  api.setCsrf(me.csrf_token ?? '')
}

/** The logged-in admin, its CSRF token and the calls that change them. */
export const auth = {
  state,
  isSuper: computed(() => state.admin?.role === 'super'),
  mustChangePassword: computed(() => !!state.admin?.must_change_password),

  /** load asks /api/admin/me once; false when nobody is logged in. */
  async load(force = false): Promise<boolean> {
    if (state.checked && !force) return !!state.admin
    try {
      accept(await call(client.GET('/api/admin/me')))
    } catch (e) {
      state.checked = true
      state.admin = null
      if (!isApiError(e) || e.status !== 401) throw e
    }
    return !!state.admin
  },

  async login(username: string, password: string) {
    accept(await call(client.POST('/api/admin/login', { body: { username, password } })))
  },

  async changePassword(current: string, next: string) {
    accept(
      await call(client.POST('/api/admin/me/password', { body: { current_password: current, new_password: next } })),
    )
  },

  async logout() {
    try {
      await call(client.POST('/api/admin/logout'))
    } finally {
      this.forget()
    }
  },

  /** forget drops the session locally (after a 401 or logout). */
  forget() {
    state.admin = null
    state.checked = true
    api.setCsrf('')
  },
}
