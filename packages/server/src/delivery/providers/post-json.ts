import { guardedPost, type OutboundResponse } from '../../outbound/guarded-post.ts'
import { OutboundRefused, type OutboundGuard } from '../../outbound/outbound-guard.ts'
import type { ProviderAnswer } from './provider-answer.ts'

/**
 * POSTs JSON through the outbound guard and classifies the answer: 2xx is
 * success (unless `accept` says otherwise); 5xx, 408, 429, timeouts and
 * network errors are transient; other statuses, and a destination the guard
 * refuses, are permanent. The answer is kept as `{ status, body }`.
 */
export async function postJson(
  guard: OutboundGuard,
  url: string,
  body: unknown,
  options: {
    headers?: Record<string, string>
    timeoutMs: number
    /** Inspects a 2xx answer: null accepts it, else the refusal (and whether it is worth retrying). */
    accept?: (status: number, body: unknown) => { error: string; retry: boolean } | null
    rawBody?: string
  },
): Promise<ProviderAnswer> {
  let response: OutboundResponse
  try {
    response = await guardedPost(guard, url, {
      headers: { 'content-type': 'application/json', ...options.headers },
      body: options.rawBody ?? JSON.stringify(body),
      timeoutMs: options.timeoutMs,
    })
  } catch (error) {
    if (error instanceof OutboundRefused) return { ok: false, retry: false, error: `destination refused: ${error.message}` }
    return { ok: false, retry: true, error: `provider unreachable: ${(error as Error).message}` }
  }
  const { text } = response
  let parsed: unknown = text
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    // Not JSON: keep the text as the provider's answer.
  }
  const answer = { status: response.status, body: parsed }
  if (response.status >= 200 && response.status < 300) {
    const refusal = options.accept?.(response.status, parsed) ?? null
    return refusal === null ? { ok: true, response: answer } : { ok: false, retry: refusal.retry, error: refusal.error, response: answer }
  }
  const retry = response.status >= 500 || response.status === 429 || response.status === 408
  return { ok: false, retry, error: `provider answered HTTP ${response.status}`, response: answer }
}
