import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import './styles.css'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'
import { configureApi } from './api'
import { auth } from './stores/auth'

configureApi({
  onUnauthenticated: () => {
    auth.forget()
    const current = router.currentRoute.value
    if (!current.meta.public) void router.push({ name: 'login', query: { redirect: current.fullPath } })
  },
})

document.documentElement.lang = i18n.global.locale.value
createApp(App).use(i18n).use(router).use(ElementPlus).mount('#app')
