// zh-CN messages, one file per area; the centre's messages live in centre.ts.
import { errorMessages } from '@fenxiao/shared/errors/messages'
import common from './common'
import auth from './auth'
import catalog from './catalog'
import cart from './cart'
import order from './order'
import me from './me'
import referral from './referral'
import centre from './centre'
import notifications from './notifications'

// errors.* (the API's errors by reason and code) are shared with the admin.
export default { ...errorMessages['zh-CN'], ...common, ...auth, ...catalog, ...cart, ...order, ...me, ...referral, ...centre, ...notifications }
