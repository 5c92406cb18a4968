/** What a provider answered; `retry` means the failure is transient (5xx, 429, timeout, network). */
export type ProviderAnswer =
  | { ok: true; response: unknown }
  | { ok: false; retry: boolean; error: string; response?: unknown }

/** The delivery as a provider sees it. */
export interface OutgoingDelivery {
  id: string
  channel: string
  to: string
  body: string
  subject: string | null
  html: string | null
  data: Record<string, unknown> | null
  idempotencyKey: string
}
