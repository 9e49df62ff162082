import { describe, it, expect, vi } from 'vitest'
import { createSSRApp, h } from 'vue'
import { renderToString, type SSRContext } from '@vue/server-renderer'
import ElementPlus, { ID_INJECTION_KEY, ZINDEX_INJECTION_KEY } from 'element-plus'
import { i18n } from '@/i18n'
import RecordDialog from './RecordDialog.vue'
import { teamApi } from '@/api/teams'
import { TEAM_FIELDS } from '@/views/TeamsView.vue'
import RoomDialog from '@/components/RoomDialog.vue'

vi.mock('@/stores/regions', () => ({ homeRegion: vi.fn(async () => []), childrenOf: vi.fn(async () => []) }))
// Element Plus renders a dialog's body only once it opened in a browser: the frame is stood in for
// by one that shows its form at once (FormDialog itself is the kit's, tested by the e2e runs).
vi.mock('./FormDialog.vue', async () => {
  const { defineComponent: define, h: el } = await import('vue')
  return {
    default: define({
      props: ['title', 'testid', 'saveTestid'],
      setup: (p, { slots }) => () => el('div', { 'data-testid': p.testid, title: p.title }, [slots.default?.(), el('button', { 'data-testid': p.saveTestid })]),
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
})
