// Live preview of a Liquid template, rendered by the server (the same liquidjs the journey
// uses) against a chosen contact and a sample event, as the operator types; with the variables
// it reads that have no value there, which would be sent as nothing.
import { ref, watch, type Ref } from 'vue'
import { ApiError, api, isMissingRoute } from '../api/client.ts'

export interface PreviewInput {
  template: string
  contact: string
  eventName: string
  eventProperties: Record<string, unknown>
}

export function useTemplatePreview(input: Ref<PreviewInput>, delayMs = 300) {
  const text = ref('')
  const missing = ref<string[]>([])
  const error = ref<string | null>(null)
  const unsupported = ref(false)
  const loading = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let seq = 0

  async function render(): Promise<void> {
    const mine = ++seq
    const { template, contact, eventName, eventProperties } = input.value
    loading.value = true
    try {
      const rendered = await api.previewTemplate({
        template,
        contact: contact || undefined,
        event: eventName ? { name: eventName, properties: eventProperties } : undefined,
      })
      if (mine !== seq) return
      text.value = rendered.text
      missing.value = rendered.missing
      error.value = null
    } catch (e) {
      if (mine !== seq) return
      missing.value = []
      unsupported.value = isMissingRoute(e)
      error.value = e instanceof ApiError && e.details[0]?.field === 'body.template' ? e.details[0].message : (e as Error).message
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  watch(
    input,
    () => {
      clearTimeout(timer)
      timer = setTimeout(() => void render(), delayMs)
    },
    { deep: true, immediate: true },
  )

  return { text, missing, error, unsupported, loading }
}
