// Live key-family upgrades (event `key_family_upgrade` on the console's one alert stream,
// stores/caseAlerts.ts): a family of my area listed yellow or red, or upgraded. The event carries
// the family's id and colour only; the notification says the colour and opens the family page,
// and the key-family screens reload when `latest` changes.
import { h, reactive } from 'vue'
import type { Router } from 'vue-router'
import { ElNotification } from 'element-plus'
import { t } from '@/i18n'
import { colourKey, type FamilyUpgradeAlert } from '@/utils/families'

export const familyAlerts = reactive({
  /** the last upgrade heard (a new object each time) */
  latest: null as (FamilyUpgradeAlert & { heard: number }) | null,
})

const open = new Map<number, { close: () => void }>()

/** The family page was opened: its notification goes. */
export function markFamilySeen(familyId: number): void {
  open.get(familyId)?.close()
  open.delete(familyId)
}

export function closeFamilyAlerts(): void {
  for (const n of open.values()) n.close()
  open.clear()
}

export function onFamilyUpgrade(alert: FamilyUpgradeAlert, router: Router | null): void {
  familyAlerts.latest = { ...alert, heard: Date.now() }
  const go = () => {
    markFamilySeen(alert.family_id)
    void router?.push({ name: 'key-family', params: { id: String(alert.family_id) } })
  }
  open.get(alert.family_id)?.close()
  const handle = ElNotification({
    title: t('families.alerts.title'),
    type: alert.colour === 'red' ? 'error' : 'warning',
    duration: 0,
    position: 'top-right',
    customClass: `case-alert family-alert colour-${alert.colour}`,
    message: h('div', { 'data-testid': 'family-alert' }, [
      h('div', t('families.alerts.text', { colour: t(colourKey(alert.colour)) })),
      h('a', { href: `/key-families/${alert.family_id}`, class: 'case-alert-link', 'data-testid': 'family-alert-open', onClick: (e: Event) => { e.preventDefault(); e.stopPropagation(); handle.close(); go() } }, t('families.alerts.open')),
    ]),
    onClick: () => { handle.close(); go() },
  })
  open.set(alert.family_id, handle)
}
