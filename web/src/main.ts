import { createApp } from 'vue'
import '@vue-flow/core/dist/style.css'
import '@vue-flow/core/dist/theme-default.css'
import '@vue-flow/controls/dist/style.css'
import '@vue-flow/minimap/dist/style.css'
import './styles.css'
import App from './App.vue'
import { i18n } from './i18n/index.ts'

createApp(App).use(i18n).mount('#app')
