// Server problems by field path (`config.branches[0].when.all[1].op`), handed to the form
// fields of the node being edited so each shows its own message in place.
import { computed, inject, provide, type ComputedRef, type InjectionKey } from 'vue'
import type { ErrorDetail } from '../api/types.ts'

type Lookup = ComputedRef<ErrorDetail[]>
const KEY: InjectionKey<Lookup> = Symbol('kairos-field-problems')

export function provideFieldProblems(problems: Lookup): void {
  provide(KEY, problems)
}

/** Messages for exactly this path; `nested` also takes those of anything inside it. */
export function useFieldProblems(path: () => string, nested = false) {
  const all = inject(KEY, null)
  return computed(() => {
    const p = path()
    return (all?.value ?? [])
      .filter((d) => d.field === p || (nested && (d.field.startsWith(`${p}.`) || d.field.startsWith(`${p}[`))))
      .map((d) => (d.field === p ? d.message : `${d.field.slice(p.length).replace(/^\./, '')}: ${d.message}`))
  })
}
