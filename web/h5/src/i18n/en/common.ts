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
  },
  nav: {
    home: 'Home',
    category: 'Categories',
    cart: 'Cart',
    me: 'Me',
  },
}
export default m
