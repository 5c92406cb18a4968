// Moving the contacts who wait on the live version to the version being published
// (docs/versions.md): the operator's mapping, step by step, and the server's dry run of it. Each
// change of the mapping runs the dry run again; its plan is what the publish applies, so what
// the dialog showed is exactly what moves (runs that changed since are left alone and counted).
import { ref } from 'vue'
import { ApiError, api } from '../api/client.ts'
import type { ApiReply } from '../api/types.ts'

export type MovePlan = ApiReply<'/api/flows/{id}/publish/dry-run', 'post'>
/** A step's problem as the dry run named it. */
export interface MoveProblem {
  node: string | null
  message: string
}

export function useMoveWaiting(flowId: () => string | undefined) {
  /** The operator's choices: step of the live version → step of the draft, or null to let them finish. */
  const mapping = ref<Record<string, string | null>>({})
  const plan = ref<MovePlan | null>(null)
  const problems = ref<MoveProblem[]>([])
  const error = ref<string | null>(null)
  const running = ref(false)
  let asked = 0

  /** Runs the dry run for the mapping now; a reply to an older mapping that arrives late is dropped. */
  async function dryRun(): Promise<void> {
    const id = flowId()
    if (!id) return
    const mine = ++asked
    running.value = true
    error.value = null
    try {
      const reply = await api.publishDryRun(id, mapping.value)
      if (mine !== asked) return
      plan.value = reply
      problems.value = []
    } catch (e) {
      if (mine !== asked) return
      plan.value = null
      if (e instanceof ApiError && e.code === 'KAIROS_VALIDATION' && e.details.length > 0)
        problems.value = e.details.map((d) => ({ node: d.node ?? null, message: d.message }))
      else error.value = (e as Error).message
    } finally {
      if (mine === asked) running.value = false
    }
  }

  /** Sends the contacts waiting at `node` to `target` (null: they finish on the live version). */
  function choose(node: string, target: string | null): Promise<void> {
    mapping.value = { ...mapping.value, [node]: target }
    return dryRun()
  }

  function reset(): void {
    asked += 1
    mapping.value = {}
    plan.value = null
    problems.value = []
    error.value = null
    running.value = false
  }

  return { mapping, plan, problems, error, running, dryRun, choose, reset }
}
