import { createRouter, createWebHistory } from 'vue-router'
import HomeView from './views/HomeView.vue'
import HelpView from './views/HelpView.vue'
import HelpDoneView from './views/HelpDoneView.vue'
import FollowView from './views/FollowView.vue'
import ConsultView from './views/ConsultView.vue'
import RoomsView from './views/RoomsView.vue'
import WeatherView from './views/WeatherView.vue'
import { i18n } from './i18n'

declare module 'vue-router' {
  interface RouteMeta {
    /** the harmless page quick exit lands on: no portal header, no portal title */
    neutral?: boolean
  }
}

// Every view is in the one bundle: on a slow phone a second round trip after a tap costs more
// than the few kilobytes the pages add.
export const router = createRouter({
  history: createWebHistory('/portal/'),
  routes: [
    { path: '/', name: 'home', component: HomeView },
    { path: '/help', name: 'help', component: HelpView },
    { path: '/help/done', name: 'help-done', component: HelpDoneView },
    { path: '/follow', name: 'follow', component: FollowView },
    { path: '/consult', name: 'consult', component: ConsultView },
    { path: '/rooms', name: 'rooms', component: RoomsView },
    { path: '/weather', name: 'weather', component: WeatherView, meta: { neutral: true } },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
  scrollBehavior: () => ({ top: 0 }),
})

// The back button must not walk someone looking over her shoulder through the pages she saw:
// every move inside the portal replaces the current history entry, a push included.
const replace = router.replace.bind(router)
router.push = (to) => replace(to)

export function titleOf(neutral: boolean): string {
  return i18n.global.t(neutral ? 'weather.title' : 'app.title')
}

router.afterEach((to) => {
  document.title = titleOf(!!to.meta.neutral)
})
