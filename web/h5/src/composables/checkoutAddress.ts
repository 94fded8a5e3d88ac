// The address picked for checkout, handed from the address list back to the
// checkout page (which then goes back in history rather than forward).
const KEY = 'fx_checkout_address'

export function rememberCheckoutAddress(id: number): void {
  try {
    sessionStorage.setItem(KEY, String(id))
  } catch {
    /* storage blocked: checkout falls back to the default address */
  }
}

export function chosenCheckoutAddress(): number {
  try {
    return Number(sessionStorage.getItem(KEY)) || 0
  } catch {
    return 0
  }
}
