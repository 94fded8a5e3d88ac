// The unread notifications count, shared by the centre's badge and the
// notifications page (which lowers it as messages are read).
import { ref } from 'vue'
import { api, call } from '@/api/client'

const unread = ref(0)

/** Asks the server again; a failure keeps the last count (the badge is a hint). */
async function refresh(): Promise<void> {
  try {
    const res = await call(api.GET('/api/shop/notifications/unread-count'), { silent: true })
    unread.value = res.unread ?? 0
  } catch {
    /* keep the last value */
  }
}

export function useUnread() {
  return { unread, refresh }
}
