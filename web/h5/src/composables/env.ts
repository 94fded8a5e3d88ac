// Where the page runs: WeChat's in-app browser changes login and payment.

export function isWeChat(ua: string = typeof navigator !== 'undefined' ? navigator.userAgent : ''): boolean {
  return /micromessenger/i.test(ua)
}
