import type { SmsProviderConfig } from '../config.ts'

/** What a provider answered; `retry` means the failure is transient (5xx, timeout, network). */
export type ProviderAnswer =
  | { ok: true; response: unknown }
  | { ok: false; retry: boolean; error: string; response?: unknown }

export interface OutgoingSms {
  id: string
  to: string
  body: string
  idempotencyKey: string
}

/**
 * POSTs the message as JSON to the configured URL, with the delivery's
 * idempotency key as a header so a provider that honours it never sends twice.
 */
export async function sendViaHttp(config: Extract<SmsProviderConfig, { kind: 'http' }>, sms: OutgoingSms): Promise<ProviderAnswer> {
  let response: Response
  try {
    response = await fetch(config.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': sms.idempotencyKey,
        ...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
      },
      body: JSON.stringify({ id: sms.id, channel: 'sms', to: sms.to, body: sms.body, idempotencyKey: sms.idempotencyKey }),
      signal: AbortSignal.timeout(config.timeoutMs),
    })
  } catch (error) {
    return { ok: false, retry: true, error: `provider unreachable: ${(error as Error).message}` }
  }
  const text = await response.text()
  let body: unknown = text
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    // Not JSON: keep the text as the provider's answer.
  }
  const answer = { status: response.status, body }
  if (response.ok) return { ok: true, response: answer }
  const retry = response.status >= 500 || response.status === 429 || response.status === 408
  return { ok: false, retry, error: `provider answered HTTP ${response.status}`, response: answer }
}
