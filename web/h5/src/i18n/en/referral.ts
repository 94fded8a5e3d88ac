import type zh from '../zh-CN/referral'
import type { Messages } from '../schema'

const m: Messages<typeof zh> = {
  referral: {
    title: 'Recommended shop',
    recommendedBy: 'Recommended by {name}',
    shopOf: '{name}’s shop',
    picks: 'Owner’s picks',
    enterStore: 'Browse the whole store',
    invalid: 'This referral link is invalid or has expired',
    bound: 'Linked to your referrer {name}',
  },
  share: {
    earn: 'Share',
    title: 'Share with friends',
    copy: 'Copy referral link',
    copied: 'Link copied',
    copyFailed: 'Could not copy; press and hold the link to copy it',
    qrAlt: 'Referral QR code',
    qrHint: 'Friends who scan or open the link and order earn you commission',
    wechatHint: 'Tap ··· at the top right to send it to a friend, or save the QR code',
  },
}
export default m
