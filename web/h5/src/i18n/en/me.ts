import type zh from '../zh-CN/me'
import type { Messages } from '../schema'

const m: Messages<typeof zh> = {
  me: {
    loginOrRegister: 'Log in / Sign up',
    allOrders: 'All orders',
    shortcut: {
      pending_payment: 'To pay',
      paid: 'To ship',
      shipped: 'Shipped',
      completed: 'Done',
      refunded: 'Refunds',
    },
    becomeDistributor: 'Become a distributor',
    becomeDistributorHint: 'Share and earn',
    distributorActive: 'Active',
    centre: 'Distributor centre',
    centreHint: 'Earnings & team',
    language: 'Language',
    logout: 'Log out',
    logoutConfirm: 'Log out now?',
  },
  profile: {
    title: 'Profile',
    nickname: 'Nickname',
    nicknameRequired: 'Enter a nickname',
    wechat: 'WeChat',
    linked: 'Linked',
    notLinked: 'Not linked',
  },
  address: {
    listTitle: 'Addresses',
    chooseTitle: 'Choose an address',
    newTitle: 'New address',
    editTitle: 'Edit address',
    empty: 'No addresses yet',
    add: 'Add address',
    default: 'Default',
    setDefault: 'Default address',
    deleteConfirm: 'Delete this address?',
    name: 'Name',
    namePlaceholder: 'Receiver’s name',
    nameRequired: 'Enter the receiver’s name',
    region: 'Region',
    regionPlaceholder: 'Province / city / district',
    regionRequired: 'Choose a region',
    detail: 'Address',
    detailPlaceholder: 'Street, building, room',
    detailRequired: 'Enter the street address',
    postalCode: 'Postcode',
  },
}
export default m
