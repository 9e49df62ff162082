// Looking something up by its tracking code (the follow page, a consultation's answer): the form is
// checked here first, a new answer replaces the last one, and a refusal is the message under the
// form (`refused` also hears it, e.g. to wait out a "try again in N seconds").
import { ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { failureOf, type Doing, type Failure } from './failure'
import { hasErrors, type Errors } from './validate'

export function useLookup<T, F extends string>(doing: Doing, check: () => Errors<F>, ask: () => Promise<T>, refused?: (f: Failure) => void) {
  const { t, locale } = useI18n()
  const result = ref(null) as Ref<T | null>
  const errors = ref({}) as Ref<Errors<F>>
  const failure = ref('')
  const busy = ref(false)
  async function lookUp() {
    failure.value = ''
    result.value = null
    errors.value = check()
    if (hasErrors(errors.value)) return
    busy.value = true
    try {
      result.value = await ask()
    } catch (e) {
      const f = failureOf(e, doing, t, locale.value)
      failure.value = f.message
      refused?.(f)
    } finally {
      busy.value = false
    }
  }
  return { result, errors, failure, busy, lookUp }
}
