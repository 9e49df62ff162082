import { describe, it, expect, afterEach } from 'vitest'
import { createSSRApp, h } from 'vue'
import { renderToString } from '@vue/server-renderer'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus, { ID_INJECTION_KEY, ZINDEX_INJECTION_KEY } from 'element-plus'
import { i18n } from '@/i18n'
import type { CockpitFigure, CockpitUnit } from '@/api/cockpit'
import type { SessionUser } from '@/api/types'
import { session } from '@/stores/session'
import UnitTable from './UnitTable.vue'

const figure: CockpitFigure = {
  code: 'requests.received', tile: 'requests', label: '受理求助', label_en: 'Requests received', unit: '件', kind: 'flow', stock_at: null,
  value: 249, last_year: 231, n: null, of: null, has_months: true,
  list: { path: '/api/v1/cases', permission: 'case.read', query: { from: '2026-01-01', to: '2026-12-05', counted: 'received' }, count_of: 'total' },
}
const units: CockpitUnit[] = [
  { code: '330784', name: '永康市（本级）', level: 'city', own: true, values: { 'requests.received': 9 } },
  { code: '330784001', name: '东城街道', level: 'town', own: false, values: { 'requests.received': 60 } },
]
const as = (permissions: string[]): SessionUser => ({
  id: 1, login: 'x', display_name: 'x', role: 'city_staff', region_code: '330784', region_name: '永康市', permissions,
  must_change_password: false, totp_enabled: false, totp_required: false,
})

async function rendered(fig: CockpitFigure): Promise<string> {
  const stub = { render: () => null }
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: stub }, { path: '/cases', name: 'cases', component: stub }] })
  const app = createSSRApp({ render: () => h(UnitTable, { figure: fig, units, region: '330784' }) })
  app.use(ElementPlus).use(i18n).use(router)
  app.provide(ID_INJECTION_KEY, { prefix: 1, current: 0 }).provide(ZINDEX_INJECTION_KEY, { current: 0 })
  await router.push('/')
  return renderToString(app)
}
const links = (html: string) => [...html.matchAll(/<a [^>]*data-testid="cockpit-list-link"[^>]*>/g)].map((m) => m[0])
const hrefs = (html: string) => links(html).map((a) => decodeURIComponent(/href="([^"]*)"/.exec(a)![1].replace(/&amp;/g, '&')))

describe('UnitTable', () => {
  afterEach(() => {
    session.user = null
  })

  it('lists the units with their values and shares, the total last, and 查看清单 on every row for staff', async () => {
    session.user = as(['case.read', 'cockpit.read'])
    const html = await rendered(figure)
    for (const s of ['永康市（本级）', '东城街道', '合计', '本级', '249', '24.1%', '3.6%', '100.0%', '231']) expect(html).toContain(s)
    expect(hrefs(html)).toEqual([
      '/cases?from=2026-01-01&to=2026-12-05&counted=received&region=330784&own=1&cockpit=from,to,counted,region,own',
      '/cases?from=2026-01-01&to=2026-12-05&counted=received&region=330784001&cockpit=from,to,counted,region',
      '/cases?from=2026-01-01&to=2026-12-05&counted=received&region=330784&cockpit=from,to,counted,region',
    ])
    expect(html).toContain('查看清单')
  })

  it('shows no 查看清单 at all when the figure has no list (a leader), nor its column', async () => {
    session.user = as(['cockpit.read', 'stats.read'])
    const html = await rendered({ ...figure, list: null })
    expect(html).toContain('东城街道')
    expect(html).toContain('24.1%')
    expect(links(html)).toEqual([])
    expect(html).not.toContain('查看清单')
    expect(html).not.toContain('>清单<')
  })

  it('shows none either when the list is one the caller\'s pages do not open', async () => {
    session.user = as(['cockpit.read'])
    expect(links(await rendered(figure))).toEqual([])
  })
})
