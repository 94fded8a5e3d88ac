import type zh from '../zh-CN/common'
import type { Messages } from '../schema'

const m: Messages<typeof zh> = {
  common: {
    shopName: 'Fenxiao Store',
    shopShort: 'Shop',
    loading: 'Loading…',
    loadFailed: 'Failed to load',
    loadFailedRetry: 'Failed to load. Tap to retry',
    retry: 'Retry',
    noMore: 'No more',
    notFound: 'Page not found',
    backHome: 'Back to home',
    cancel: 'Cancel',
    delete: 'Delete',
    save: 'Save',
    saved: 'Saved',
    optional: 'Optional',
    networkError: 'Network error. Check your connection and try again',
    serverError: 'Service unavailable ({status}). Please try again later',
  },
  errors: {
    reason: {
      code_wrong: 'Wrong code. Please try again',
      code_expired: 'The code has expired. Get a new one',
      code_locked: 'Too many wrong tries. Get a new code',
      account_banned: 'This account is suspended. Contact support',
      account_deleted: 'This account has been deleted',
      out_of_stock: 'Not enough stock. Change the quantity',
      unavailable: 'Some items are no longer available',
      too_many_addresses: 'You can keep up to 20 addresses',
      application_pending: 'Your application is under review',
      already_distributor: 'You are already a distributor',
      designated_only: 'Distributors are appointed by the merchant; applications are closed',
      phone_taken: 'This phone number belongs to another account',
      wechat_taken: 'This WeChat belongs to another account',
      bad_state: 'WeChat authorization expired. Log in again',
      wechat_code_invalid: 'WeChat authorization expired. Log in again',
    },
    code: {
      unauthenticated: 'Please log in first',
      rate_limited: 'Too many requests. Try again later',
      unavailable: 'Service unavailable. Try again later',
      internal: 'Something went wrong. Try again later',
      too_large: 'Too large',
    },
  },
  nav: {
    home: 'Home',
    category: 'Categories',
    cart: 'Cart',
    me: 'Me',
  },
}
export default m
