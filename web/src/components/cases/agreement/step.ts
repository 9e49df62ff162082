// The steps after an agreement is submitted (each signatory's confirmation, the judicial
// confirmation) are given the same things and answer the same way: the agreement as the server
// now has it, which the panel then shows.
import type { Agreement } from '@/api/agreements'

export interface StepProps {
  caseId: number
  agreement: Agreement
  /** the user may record the step (case.write, the case open to them) */
  canWrite: boolean
}

export interface StepEmits {
  changed: [agreement: Agreement]
}
