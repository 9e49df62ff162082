import { describe, it, expect } from 'vitest'
import { createSSRApp, h } from 'vue'
import { renderToString } from '@vue/server-renderer'
import ElementPlus, { ID_INJECTION_KEY, ZINDEX_INJECTION_KEY } from 'element-plus'
import { i18n } from '@/i18n'
import type { Measure, Plan } from '@/utils/plans'
import PlanView from './PlanView.vue'

const day = 24 * 3600e3
function measure(over: Partial<Measure> = {}): Measure {
  return { type: 'mediation', unit: 'federation', person: '王芳', person_user_id: null, due_at: Date.now() + 5 * day, status: 'planned', detail: '上门调解', result: '', overdue: false, ...over }
}
const plan = (measures: Measure[]): Plan => ({
  id: 1, family_id: 9, version: 2, status: 'active', colour: 'yellow', focus: '彩礼纠纷', risks: '酗酒', goals: '关系稳定', measures,
  has_safety_plan: true, author: { id: 5, name: '李', level: 'town' }, created_at: 0, updated_at: 0, row_version: 1, submitted_at: null,
  countersigned_by: null, countersigned_at: null, returned_reason: null, activated_at: null, last_review_at: null, review_due: null, review_reason: null,
})

async function rendered(props: { plan: Plan; me?: number; cards?: boolean; canUpdate?: (m: Measure) => boolean }): Promise<string> {
  const app = createSSRApp({ render: () => h(PlanView, props) })
  app.use(ElementPlus).use(i18n)
  app.provide(ID_INJECTION_KEY, { prefix: 1, current: 0 }).provide(ZINDEX_INJECTION_KEY, { current: 0 })
  return renderToString(app)
}

describe('PlanView', () => {
  it('shows the texts and the measures, the overdue one in red', async () => {
    const html = await rendered({ cards: true, plan: plan([measure(), measure({ type: 'counselling', person: '李红', due_at: Date.now() - day, status: 'in_progress' })]) })
    expect(html).toContain('彩礼纠纷')
    expect(html).toContain('心理疏导')
    expect(html).toContain('李红')
    expect(html.match(/data-testid="measure-overdue"/g)?.length).toBe(1)
    expect(html).toMatch(/class="m-card late"|class="late m-card"/)
    expect(html).not.toContain('data-testid="measure-update"')
  })
  it('offers 更新 only on the measures the caller may update, and marks hers', async () => {
    const html = await rendered({ cards: true, plan: plan([measure({ person_user_id: 7 }), measure({ status: 'done', result: '已调解' })]), me: 7, canUpdate: (m: Measure) => m.status === 'planned' })
    expect(html.match(/data-testid="measure-update"/g)?.length).toBe(1)
    expect(html).toContain('我负责')
    expect(html).toContain('已调解')
  })
})
