// Follow-up tasks and calls journeys created for sales reps; a sales user gets their own.
// Completing one tells the journey waiting on it (a call's outcome picks its path).
import { ref, watch } from 'vue'
import { api } from '../api/client.ts'
import type { Task } from '../api/types.ts'
import { t } from '../i18n/index.ts'

/** Outcomes of a call task; each is a port of the `call` step. */
export const CALL_OUTCOMES = (['answered', 'no_answer', 'busy'] as const).map((value) => ({
  value,
  get label() { return t(`tasks.outcomes.${value}`) },
}))

export function useTasks() {
  const status = ref<'open' | 'done'>('open')
  const tasks = ref<Task[]>([])
  const loading = ref(true)
  const error = ref<string | null>(null)

  async function load(): Promise<void> {
    error.value = null
    try {
      tasks.value = await api.listTasks({ status: status.value, limit: 200 })
    } catch (e) {
      error.value = (e as Error).message
    } finally {
      loading.value = false
    }
  }
  watch(status, () => void load())

  async function complete(task: Task, outcome?: string, notes?: string): Promise<void> {
    await api.completeTask(task.id, { ...(outcome ? { outcome } : {}), ...(notes ? { notes } : {}) })
    tasks.value = tasks.value.filter((t) => t.id !== task.id)
  }

  return { status, tasks, loading, error, load, complete }
}
