import { describe, it, expect, vi } from 'vitest'
import { createSSRApp, h } from 'vue'
import { renderToString, type SSRContext } from '@vue/server-renderer'
import ElementPlus, { ID_INJECTION_KEY, ZINDEX_INJECTION_KEY } from 'element-plus'
import { i18n } from '@/i18n'
import RecordDialog from './RecordDialog.vue'
import { teamApi } from '@/api/teams'
import { TEAM_FIELDS } from '@/views/TeamsView.vue'
import RoomDialog from '@/components/RoomDialog.vue'
import HouseholdDialog from '@/components/HouseholdDialog.vue'
import MediatorDialog from '@/components/MediatorDialog.vue'

vi.mock('@/stores/regions', () => ({ homeRegion: vi.fn(async () => []), childrenOf: vi.fn(async () => []) }))
// Element Plus renders a dialog's body only once it opened in a browser: the frame is stood in for
// by one that shows its form at once, opened (FormDialog itself is the kit's, tested by the e2e runs).
vi.mock('./FormDialog.vue', async () => {
  const { defineComponent: define, h: el } = await import('vue')
  return {
    default: define({
      props: ['title', 'testid', 'saveTestid'],
      emits: ['open'],
      setup: (p, { slots, emit }) => (emit('open'), () => el('div', { 'data-testid': p.testid, title: p.title }, [slots.default?.(), el('button', { 'data-testid': p.saveTestid })])),
    }),
  }
})

/** The dialog as the server would render it, with what it teleports to the body. */
async function rendered(component: object, props: Record<string, unknown>): Promise<string> {
  const app = createSSRApp({ render: () => h(component, { modelValue: true, ...props }) })
  app.use(ElementPlus).use(i18n)
  app.provide(ID_INJECTION_KEY, { prefix: 1, current: 0 }).provide(ZINDEX_INJECTION_KEY, { current: 0 })
  const ctx: SSRContext = {}
  const html = await renderToString(app, ctx)
  return html + Object.values(ctx.teleports ?? {}).join('')
}

describe('RecordDialog', () => {
  it('a new team: the title, an input per field with the data-testids the e2e tests use, 保存', async () => {
    const html = await rendered(RecordDialog, { record: null, fields: TEAM_FIELDS, area: 'teams', testid: 'team', api: teamApi })
    expect(html).toContain('新增队伍')
    for (const id of ['team-dialog', 'team-name', 'team-kind', 'team-phone', 'team-submit']) expect(html).toContain(`data-testid="${id}"`)
    for (const kind of ['格姐队伍', '和姐队伍', '志愿服务队']) expect(html).toContain(kind)
    expect(html).toContain('maxlength="50"')
  })

  it('a room keeps its own testids, the region hint and the hours placeholder', async () => {
    const html = await rendered(RoomDialog, { record: null })
    for (const id of ['room-dialog', 'room-name', 'room-address', 'room-phone', 'room-demonstration', 'room-submit']) expect(html).toContain(`data-testid="${id}"`)
    expect(html).toContain('调解室设在市、镇街或村社')
    expect(html).toContain('placeholder="如：周一至周五 8:30–17:30"')
    expect(html).toContain('el-cascader') // the region (Element Plus keeps its data-testid off the server's rendering)
  })

  it('a new household: the grid picker and the address asked for, the e2e tests\' testids', async () => {
    const html = await rendered(HouseholdDialog, { record: null })
    for (const id of ['household-dialog', 'household-address', 'household-head', 'household-submit']) expect(html).toContain(`data-testid="${id}"`)
    expect(html).toContain('新增家庭户')
    expect(html).toContain('所属网格')
    expect(html).toContain('请选择网格（镇街 → 村社 → 网格）')
    expect(html).toContain('maxlength="30"') // the head's name: the API's maxLength
  })

  it('a household opened: its grid as text, the masked address as what a blank keeps', async () => {
    const household = { id: 5, version: 2, grid_code: 'g', grid_name: '东城一网格', address_detail: '东城街道**号', head_name: '李四', tags: ['low_income'] }
    const html = await rendered(HouseholdDialog, { record: household })
    expect(html).toContain('东城一网格')
    expect(html).not.toContain('所属网格')
    expect(html).toContain('placeholder="留空则不修改（当前：东城街道**号）"')
    expect(html).toMatch(/aria-selected="true"><!--\[--><span>低收入</)
  })

  it('a new mediator: type and specialities as drop-downs, no state, no clear box', async () => {
    const html = await rendered(MediatorDialog, { record: null })
    for (const id of ['mediator-dialog', 'mediator-name', 'mediator-type', 'mediator-specialities', 'mediator-phone', 'mediator-submit']) {
      expect(html).toContain(`data-testid="${id}"`)
    }
    expect(html).toContain('账号 ID（可选）')
    expect(html).not.toContain('清除电话')
    expect(html).not.toContain('在岗')
  })

  it('a mediator opened: the phone kept unless typed, "clear", the state with its words', async () => {
    const mediator = { id: 9, version: 1, name: '赵律师', type: 'lawyer', region_code: 'r', specialities: [], phone: '139****0000', user_id: null, active: true }
    const html = await rendered(MediatorDialog, { record: mediator })
    expect(html).toContain('placeholder="留空则不修改（当前：139****0000）"')
    expect(html).toContain('清除电话')
    expect(html).toContain('在岗')
  })
})
