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
// than the few kilobytes the pages add. Only the legal column (普法园地: lists of videos and
// articles, read at leisure, never in a hurry) is a chunk of its own, fetched when it is opened, so
// that it never makes the help form slower to come.
//
// The addresses name nothing: browser history, a shared phone's address bar and its tab switcher
// show "/life/a" and the title of the neutral page, never what she came for. The old /portal
// addresses (printed on posters) still open the portal, which moves at once to its home here.
export const PORTAL_BASE = '/life/'
// Opened at its first address: become the home here before the router reads the address, so that
// not even a passing entry names the portal.
if (!window.location.pathname.startsWith(PORTAL_BASE)) window.history.replaceState(null, '', PORTAL_BASE)
export const router = createRouter({
  history: createWebHistory(PORTAL_BASE),
  routes: [
    { path: '/', name: 'home', component: HomeView },
    { path: '/a', name: 'help', component: HelpView },
    { path: '/a/ok', name: 'help-done', component: HelpDoneView },
    { path: '/b', name: 'follow', component: FollowView },
    { path: '/c', name: 'consult', component: ConsultView },
    { path: '/d', name: 'rooms', component: RoomsView },
    { path: '/e', name: 'legal', component: () => import('./views/LegalView.vue') },
    { path: '/weather', name: 'weather', component: WeatherView, meta: { neutral: true } },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
  scrollBehavior: () => ({ top: 0 }),
})

// The back button must not walk someone looking over her shoulder through the pages she saw:
// every move inside the portal replaces the current history entry, a push included.
const replace = router.replace.bind(router)
router.push = (to) => replace(to)

/** Every page carries the neutral page's title, in the language she reads. */
export function neutralTitle(): string {
  return i18n.global.t('weather.title')
}

router.afterEach(() => {
  document.title = neutralTitle()
})
