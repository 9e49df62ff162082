// 维权微家, the public portal: a separate small entry (portal.html) that imports nothing of the
// staff console, no Element Plus and no ECharts, so it loads fast on a slow phone.
import { createApp } from 'vue'
import './vant-styles'
import './portal.css'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'

document.documentElement.lang = i18n.global.locale.value

createApp(App).use(i18n).use(router).mount('#app')
