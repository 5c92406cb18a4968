// The starter library on the journeys list: the starters, and what the workspace has to bind
// their placeholders to (channels by kind, coupon pools, segments).
import { ref } from 'vue'
import { api, settings } from '../../api/client.ts'
import type { ApiBody, ApiReply } from '../../api/types.ts'

/** A starter as `GET /api/starters` lists it. */
export type Starter = ApiReply<'/api/starters', 'get'>['starters'][number]
export type StarterImport = ApiBody<'/api/starters/{id}/import', 'post'>

export function useStarters() {
  const starters = ref<Starter[]>([])
  const loading = ref(true)
  const error = ref<string | null>(null)

  async function load(): Promise<void> {
    error.value = null
    try {
      starters.value = await api.listStarters()
    } catch (e) {
      error.value = (e as Error).message
    } finally {
      loading.value = false
    }
  }

  return { starters, loading, error, load }
}

/** A channel, pool or segment the import dialog offers for a placeholder. */
export interface BindingOption {
  value: string
  label: string
}

/** What the workspace has for the dialog's pickers, loaded when the dialog opens. */
export async function loadBindingOptions(): Promise<{
  channels: Array<BindingOption & { kind: string }>
  pools: BindingOption[]
  segments: BindingOption[]
}> {
  const [channels, pools, segments] = await Promise.all([api.listChannels(), settings.listCouponPools(), api.listSegments()])
  return {
    channels: channels.map((c) => ({ value: c.name, label: c.name, kind: c.kind })),
    pools: pools.map((p) => ({ value: p.id, label: p.name === p.id ? p.id : `${p.name} (${p.id})` })),
    segments: segments.map((s) => ({ value: s.id, label: s.name })),
  }
}

/** Creates the segment a starter suggests (the win-back audience) and returns its id. */
export async function createSuggestedSegment(name: string, condition: Record<string, unknown>): Promise<string> {
  return (await api.createSegment({ name, condition })).id
}
