// Live portal questions (event `consultation` on the console's one alert stream,
// stores/caseAlerts.ts): a night question about violence routed to me (夜间家暴咨询 待答复), or a
// question marked late (咨询已逾期). The event names the question by number and category only; the
// notification stays until clicked and opens it on the consultations page (/consultations?open=id).
import { h } from 'vue'
import type { Router } from 'vue-router'
import { ElNotification } from 'element-plus'
import { t } from '@/i18n'
import { consultationAlertMessage, type ConsultationAlert } from '@/utils/caseAlerts'
import { formatDateTime } from '@/utils/format'
import { label } from '@/utils/ui'

const open = new Map<number, { close: () => void }>()

/** The question was opened: its notification goes. */
export function markConsultationSeen(id: number): void {
  open.get(id)?.close()
  open.delete(id)
}

export function closeConsultationAlerts(): void {
  for (const n of open.values()) n.close()
  open.clear()
}

export function onConsultation(alert: ConsultationAlert, router: Router | null): void {
  const id = alert.consultation_id
  const { title, key } = consultationAlertMessage(alert)
  const go = () => {
    markConsultationSeen(id)
    void router?.push({ name: 'consultations', query: { open: String(id) } })
  }
  open.get(id)?.close()
  const handle = ElNotification({
    title: t(title),
    type: alert.mark === 'red' || alert.night ? 'error' : 'warning',
    duration: 0,
    position: 'top-right',
    customClass: `case-alert consultation-alert mark-${alert.mark}`,
    message: h('div', { 'data-testid': 'consultation-alert' }, [
      h('div', t(key, { id: String(id), category: alert.category ? label('cases.category', alert.category) : '' })),
      h('div', { class: 'muted' }, formatDateTime(alert.at)),
      h('a', { href: `/consultations?open=${id}`, class: 'case-alert-link', 'data-testid': 'consultation-alert-open', onClick: (e: Event) => { e.preventDefault(); e.stopPropagation(); handle.close(); go() } }, t('consultations.alerts.open')),
    ]),
    onClick: () => { handle.close(); go() },
  })
  open.set(id, handle)
}
