// The number of units in the cart, for badges. Pages that change the cart
// pass the cart the API returned to set().
import { ref } from 'vue'
import { api, call } from '@/api/client'
import type { Cart } from '@/api/types'

const count = ref(0)

function set(cart: Cart): void {
  count.value = (cart.items ?? []).reduce((n, l) => n + (l.quantity ?? 0), 0)
}

async function refresh(): Promise<void> {
  try {
    set(await call(api.GET('/api/shop/cart'), { silent: true }))
  } catch {
    count.value = 0
  }
}

export function useCartCount() {
  return { count, set, refresh }
}
