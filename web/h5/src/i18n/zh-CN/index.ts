// zh-CN messages, one file per area; the centre's messages live in centre.ts.
import common from './common'
import auth from './auth'
import catalog from './catalog'
import cart from './cart'
import order from './order'
import me from './me'
import referral from './referral'
import centre from './centre'
import notifications from './notifications'

export default { ...common, ...auth, ...catalog, ...cart, ...order, ...me, ...referral, ...centre, ...notifications }
