import type { Task } from 'graphile-worker'
import { afterSendAttempt, type Clock } from '@kairos/sdk'
import { ChannelKindNotLoaded, type ChannelService, type ResolvedChannel } from '../channels/channel-service.ts'
import type { SmsProviderConfig } from '../config.ts'
import type { Db } from '../db/connect.ts'
import type { FlowCatalog } from '../flows/flow-catalog.ts'
import { DELIVER_TASK } from '../execution/jobs.ts'
import type { OutboundGuard } from '../outbound/outbound-guard.ts'
import { sendWithChannel } from './send-with-channel.ts'
import { reserveSlot } from './rate-limit.ts'
import { settleDelivery } from './settle-delivery.ts'
import { comeDue } from './come-due.ts'
import { observeProviderCall } from '../metrics/process-metrics.ts'

export interface DeliverDeps {
  db: Db
  clock: Clock
  catalog: FlowCatalog
  sms: SmsProviderConfig
  channels: ChannelService
  outbound: OutboundGuard
}

/** The server's default SMS provider from the environment (KAIROS_SMS_HTTP_*), as a channel of the sms.http kind. */
function defaultSmsChannel(sms: Extract<SmsProviderConfig, { kind: 'http' }>, channels: ChannelService): ResolvedChannel | { notLoaded: string } {
  const kind = channels.kinds.get('sms.http')
  if (!kind) return { notLoaded: 'the sms.http channel kind is not loaded (channels/sms-http), so the http SMS provider (KAIROS_SMS_PROVIDER) cannot send' }
  return { name: 'http', kind, settings: { url: sms.url, ...(sms.token ? { token: sms.token } : {}), timeoutMs: sms.timeoutMs } }
}

/**
 * The delivery's channel with its secrets, or why there is none to send through: `gone` (deleted,
 * or no default provider) for good, or `notLoaded`, a kind this process lacks, which another worker
 * of a deployment being rolled out may have.
 */
async function channelOf(deps: DeliverDeps, provider: string): Promise<ResolvedChannel | { gone: string } | { notLoaded: string }> {
  if (provider === 'http')
    return deps.sms.kind === 'http' ? defaultSmsChannel(deps.sms, deps.channels) : { gone: 'no http SMS provider is configured (KAIROS_SMS_PROVIDER)' }
  try {
    return (await deps.channels.resolve(provider)) ?? { gone: `channel "${provider}" no longer exists` }
  } catch (error) {
    if (error instanceof ChannelKindNotLoaded) return { notLoaded: error.message }
    throw error
  }
}

/**
 * Hands one queued delivery to its provider; a scheduled one (deferred by a
 * policy) is first checked again (come-due.ts). Under the channel's rate limit a
 * delivery waits its turn (re-scheduled at its reserved slot). Transient
 * failures throw, so graphile-worker retries with exponential backoff; a
 * permanent one, or the last attempt, settles the delivery as failed and
 * moves its run through the node's failed port. Delivery is at least once: a
 * crash between the provider's success and the settlement sends again, with
 * the same idempotency key, which providers use to drop the repeat.
 */
export function deliverTask(deps: DeliverDeps): Task {
  return async (payload, helpers) => {
    const { delivery: id, slot } = payload as { delivery: string; slot?: string }
    const delivery = await deps.db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst()
    if (!delivery) return
    // A message a policy held back is checked again now that it is due; the outbox settles it there.
    if (delivery.status === 'scheduled' && (await comeDue(deps, id)) !== 'queued') return
    if (delivery.status !== 'queued' && delivery.status !== 'scheduled') return
    const attempts = helpers.job.attempts
    const channel = await channelOf(deps, delivery.provider)
    if ('gone' in channel) return settleDelivery(deps, id, { status: 'failed', attempts, error: channel.gone })
    if ('notLoaded' in channel) {
      // Retried (graphile-worker's backoff), perhaps on a worker that has the kind; failed on the last attempt.
      if (attempts >= helpers.job.max_attempts) return settleDelivery(deps, id, { status: 'failed', attempts, error: channel.notLoaded })
      await recordRetry(deps, id, attempts, channel.notLoaded)
      throw new Error(`${channel.notLoaded}; will retry`)
    }
    if (channel.unreadable)
      return settleDelivery(deps, id, {
        status: 'failed', attempts,
        error: `channel "${channel.name}" cannot be used: its secrets do not open (${channel.unreadable}); save the channel again or start Kairos with the key that sealed it`,
      })

    if (!slot && delivery.provider !== 'http') {
      const reserved = await reserveSlot(deps.db, delivery.provider, deps.clock.now())
      if (reserved.getTime() > deps.clock.now().getTime()) {
        await helpers.addJob(DELIVER_TASK, { delivery: id, slot: reserved.toISOString() }, { runAt: reserved, maxAttempts: helpers.job.max_attempts })
        return
      }
    }

    const message = {
      id, channel: delivery.channel, to: delivery.recipient, body: delivery.body, subject: delivery.subject, html: delivery.html,
      data: delivery.data as Record<string, unknown> | null,
    }
    const attempt = { idempotencyKey: delivery.idempotency_key, attempt: attempts, maxAttempts: helpers.job.max_attempts }
    const calling = performance.now()
    const answer = await sendWithChannel(channel, message, attempt, { guard: deps.outbound, clock: deps.clock })
    observeProviderCall(channel.kind.kind, answer.ok ? 'ok' : answer.retry ? 'retry' : 'failed', (performance.now() - calling) / 1000)
    // The SDK's rule, which the test harness follows too; graphile-worker's backoff (the rule's) spaces the retries.
    const next = afterSendAttempt(answer, attempts, helpers.job.max_attempts)
    if (answer.ok) return settleDelivery(deps, id, { status: 'sent', attempts, response: answer.response, providerMessageId: answer.providerMessageId })
    if (!('retryInMs' in next)) return settleDelivery(deps, id, { status: 'failed', attempts, error: answer.error, response: answer.response })
    await recordRetry(deps, id, attempts, answer.error, answer.response)
    throw new Error(`${answer.error}; will retry`)
  }
}

/** An attempt that will be made again: its number, error and answer kept on the delivery meanwhile. */
async function recordRetry(deps: DeliverDeps, id: string, attempts: number, error: string, response?: unknown): Promise<void> {
  await deps.db
    .updateTable('deliveries')
    .set({ attempts, error, provider_response: response === undefined ? null : JSON.stringify(response), updated_at: new Date() })
    .where('id', '=', id)
    .execute()
}
