// The audit log and its hash-chain check (docs/api.md, "Audit").
import { api, type Page, type Query } from './client'
import type { AuditEntry, AuditVerify } from './types'

export const auditApi = {
  list: (q: Query) => api.get<Page<AuditEntry>>('/audit', q),
  verify: () => api.get<AuditVerify>('/audit/verify'),
}
