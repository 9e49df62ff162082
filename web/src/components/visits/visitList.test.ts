import { describe, it, expect, vi } from 'vitest'
import { createSSRApp, defineComponent, h, nextTick } from 'vue'
import { renderToString } from '@vue/server-renderer'
import ElementPlus, { ID_INJECTION_KEY, ZINDEX_INJECTION_KEY } from 'element-plus'
import { i18n } from '@/i18n'
import type { Visit, VisitSensitive } from '@/api/visits'
import { label } from '@/utils/ui'
import { blankFilters, linkFiltersOf, referralOverdue, referralState, situationCodes, situationNames, useVisitSecrets, visitQuery } from './visitList'
import VisitDetail from './VisitDetail.vue'
import VisitDrawer from './VisitDrawer.vue'

const api = vi.hoisted(() => ({ get: vi.fn(), sensitive: vi.fn() }))
vi.mock('@/api/visits', async (actual) => ({ ...(await actual<object>()), visitApi: api }))
vi.mock('@/stores/session', async (actual) => ({ ...(await actual<object>()), can: (p: string) => ['visit.read', 'visit.reveal', 'case.read', 'incident.read'].includes(p) }))

function visit(over: Partial<Visit> = {}): Visit {
  return {
    id: 7, version: 3, household_id: 42, region_code: '330784001001001', region_name: '一网格', visited_at: '2026-11-28T21:30:00+08:00', kind: 'must_visit',
    situations: ',hardship,domestic_violence,', mode: 'home', people_met: '户主及其配偶', findings: '夫妻因**', problem_found: true, problem: '酒后**',
    action: 'referral', referral_to: '镇综治中心', referral_due_at: '2026-12-05T21:30:00+08:00', referral_answered_at: null, case_id: 12, incident_id: 5,
    late: false, visitor_level: 'village', recorded_by: 9, ...over,
  }
}

describe('the visits\' list', () => {
  it('takes the link filters from the address: whole positive numbers only', () => {
    expect(linkFiltersOf({ incident_id: '12' })).toEqual({ incident_id: 12 })
    expect(linkFiltersOf({ household_id: ['42', '7'], case_id: '3', tab: 'x' })).toEqual({ household_id: 42, case_id: 3 })
    expect(linkFiltersOf({ incident_id: 'abc', household_id: '0', case_id: '-3' })).toEqual({})
    expect(linkFiltersOf({ incident_id: '1e3', household_id: '99999999999999999' })).toEqual({})
  })
  it('asks for the filters that are set and the link filters', () => {
    expect(visitQuery(blankFilters(), {})).toEqual({})
    expect(visitQuery(blankFilters(), { incident_id: 12 })).toEqual({ incident_id: 12 })
    const f = { ...blankFilters(), kind: 'must_visit', problem_found: 'true', late: 'false', region: '330784001' }
    expect(visitQuery(f, { household_id: 42 })).toEqual({ kind: 'must_visit', problem_found: 'true', late: 'false', region: '330784001', household_id: 42 })
  })
  it('names the situations by the federation\'s setting, else the messages, else the code', () => {
    expect(situationCodes(',a,b,')).toEqual(['a', 'b'])
    expect(situationCodes(null)).toEqual([])
    const settings = [{ code: 'hardship', label_zh: '生活困难户', label_en: 'In hardship' }]
    const fallback = (code: string) => label('visits.situation', code)
    expect(situationNames(',hardship,domestic_violence,odd,', settings, 'zh-CN', fallback)).toEqual(['生活困难户', '家庭暴力', 'odd'])
    expect(situationNames(',hardship,', settings, 'en', fallback)).toEqual(['In hardship'])
  })
  it('has the Chinese names of the kinds, modes, actions and levels', () => {
    expect(['must_visit', 'key_family_contact', 'incident_follow_up', 'care', 'case_follow_up'].map((k) => label('visits.kinds', k))).toEqual(['五必访', '重点家庭联系', '警情回访', '关爱走访', '案件回访'])
    expect(['home', 'phone', 'video'].map((k) => label('visits.modes', k))).toEqual(['入户', '电话', '视频'])
    expect(['none', 'settled', 'case_opened', 'assessment_requested', 'referral'].map((k) => label('visits.actions', k))).toEqual(['无', '当场化解', '已立案', '请求重新评估', '转介'])
    expect(['city', 'town', 'village'].map((k) => label('visits.visitorLevels', k))).toEqual(['市级', '镇级', '村级'])
    expect(i18n.global.t('visits.late')).toBe('逾期补录')
    expect(i18n.global.t('visits.menu')).toBe('走访记录')
  })
  it('tells an open referral from an answered one, and when it is overdue', () => {
    const v = visit()
    expect(referralState(v)).toBe('open')
    expect(referralState({ ...v, referral_answered_at: '2026-12-01T10:00:00+08:00' })).toBe('answered')
    expect(referralState({ ...v, action: 'settled' })).toBeNull()
    expect(referralOverdue(v, Date.parse('2026-12-06T00:00:00+08:00'))).toBe(true)
    expect(referralOverdue(v, Date.parse('2026-12-01T00:00:00+08:00'))).toBe(false)
  })
})

describe('a visit\'s sealed texts', () => {
  it('are asked for only on reveal, and shown in full then', async () => {
    const full: VisitSensitive = { id: 7, findings: '夫妻因彩礼问题争吵', problem: '酒后推搡' }
    const fetch = vi.fn(async () => full)
    const s = useVisitSecrets(fetch)
    const v = visit()
    expect(s.shown(v, 'findings')).toBe('夫妻因**')
    expect(s.hidden(v)).toBe(true)
    expect(fetch).not.toHaveBeenCalled()
    await s.reveal(v)
    expect(fetch).toHaveBeenCalledWith(7)
    expect(s.shown(v, 'findings')).toBe('夫妻因彩礼问题争吵')
    expect(s.shown(v, 'problem')).toBe('酒后推搡')
    expect(s.hidden(v)).toBe(false)
    s.forget()
    expect(s.shown(v, 'findings')).toBe('夫妻因**')
    expect(s.hidden(visit({ findings: null, problem: '' }))).toBe(false)
  })
})

// a link of the router, as a plain one (no router here)
const RouterLink = defineComponent({ props: ['to'], setup: (_p, { slots }) => () => h('a', slots.default?.()) })
async function rendered(component: object, props: Record<string, unknown>): Promise<string> {
  const app = createSSRApp({ render: () => h(component, props) })
  app.use(ElementPlus).use(i18n).component('RouterLink', RouterLink)
  app.provide(ID_INJECTION_KEY, { prefix: 1, current: 0 }).provide(ZINDEX_INJECTION_KEY, { current: 0 })
  return renderToString(app)
}

describe('a visit\'s detail', () => {
  it('labels its fields, shows the masks, the referral open and the links to the case and the incident', async () => {
    const html = await rendered(VisitDetail, { visit: visit(), situations: ['生活困难', '家庭暴力'], findings: '夫妻因**', problem: '酒后**', revealed: false })
    for (const text of ['走访时间', '2026-11-28 21:30', '五必访', '住户 #42', '入户', '生活困难、家庭暴力', '村级', '户主及其配偶', '夫妻因**', '转介', '待答复', '镇综治中心', '#12', '#5'])
      expect(html, text).toContain(text)
    for (const id of ['visit-findings', 'visit-problem', 'visit-case', 'visit-incident', 'visit-referral-state']) expect(html).toContain(`data-testid="${id}"`)
  })
  it('leaves out what the visit has not: no case, no incident, no referral', async () => {
    const html = await rendered(VisitDetail, { visit: visit({ action: 'settled', case_id: null, incident_id: undefined, referral_due_at: null }), situations: [], findings: '', problem: '', revealed: false })
    expect(html).toContain('当场化解')
    for (const id of ['visit-case', 'visit-incident', 'visit-referral-state']) expect(html).not.toContain(`data-testid="${id}"`)
  })
})

describe('the visit drawer', () => {
  it('reads the visit when opened, never its sealed texts', async () => {
    api.get.mockResolvedValue(visit())
    api.sensitive.mockResolvedValue({ id: 7, findings: 'x', problem: 'y' })
    await rendered(VisitDrawer, { modelValue: true, visitId: 7, situations: () => [] })
    await nextTick()
    expect(api.get).toHaveBeenCalledWith(7)
    expect(api.sensitive).not.toHaveBeenCalled()
  })
})
