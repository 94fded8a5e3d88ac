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
    system: 'Share to…',
    defaultDesc: 'A find worth a look',
    shopTitle: '{name}’s shop',
    copy: 'Copy referral link',
    copied: 'Link copied',
    copyFailed: 'Could not copy; press and hold the link to copy it',
    qrAlt: 'Referral QR code',
    qrHint: 'Friends who scan or open the link and order earn you commission',
    wechatHint: 'Tap ··· at the top right to send it to a friend, or save the QR code',
    estimate: 'Estimated commission',
    estimatePerUnit: 'a unit (on the amount paid; final at payment)',
    estimateUnknown: 'At the shop’s commission rate; see your commission records after the order',
    poster: 'Create poster',
    posterTitle: 'Share poster',
    posterTagline: 'Picked for you',
    posterCaption: 'Scan to shop',
    posterFailed: 'Could not create the poster; try again later',
    save: 'Save image',
    saveHint: 'Press and hold the image to save it',
    savedHint: 'The image is downloading',
  },
}
export default m
