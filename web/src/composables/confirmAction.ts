// An action that asks first (retire, revoke, lock, delete …): a warning box with 确定 / 取消,
// then the request; a toast when it went through, the error in the user's language otherwise.
import { ElMessage, ElMessageBox } from 'element-plus'
import { t } from '@/i18n'
import { showError } from '@/utils/ui'

export interface ConfirmOptions {
  /** the box's title; 请确认 by default */
  title?: string
  /** the confirm button's text; 确定 by default */
  confirmText?: string
  /** a red confirm button */
  danger?: boolean
  /** i18n key of the toast once done (common.success by default); false: none */
  success?: string | false
}

/** True when the user confirmed and the action went through. */
export async function confirmAction(message: string, run: () => Promise<unknown>, opts: ConfirmOptions = {}): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, opts.title ?? t('common.confirmTitle'), {
      type: 'warning', confirmButtonText: opts.confirmText ?? t('common.confirm'), cancelButtonText: t('common.cancel'),
      ...(opts.danger ? { confirmButtonClass: 'el-button--danger' } : {}),
    })
  } catch {
    return false
  }
  try {
    await run()
    if (opts.success !== false) ElMessage.success(t(opts.success ?? 'common.success'))
    return true
  } catch (e) {
    showError(e)
    return false
  }
}
