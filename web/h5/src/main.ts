import { createApp } from 'vue'
import { Lazyload } from 'vant'
import './styles/base.css'
// Function-style Vant components (toast, dialog) bring their own styles.
import 'vant/es/toast/style'
import 'vant/es/dialog/style'
import 'vant/es/notify/style'
import 'vant/es/image-preview/style'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { installErrorToasts } from './composables/errorToasts'

const app = createApp(App)
app.use(i18n)
app.use(router)
app.use(Lazyload, { lazyComponent: false })
installErrorToasts(router)
app.mount('#app')
