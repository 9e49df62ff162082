// Shared types of the kit's components (components/kit/).

/** A standard toolbar button of a list page (新增 · 修改 · 删除 · 导入 · 导出). */
export interface ToolbarButton {
  /** shown only to users with one of these permissions */
  permission: string | readonly string[]
  /** i18n key of the label; common.add / edit / delete / import / export by default */
  label?: string
  /** data-testid; `<name>-<kind>` by default */
  testid?: string
  /** a download link (GET) instead of a click, for 导出 */
  href?: string
}

export type ToolbarKind = 'add' | 'edit' | 'remove' | 'import' | 'export'
