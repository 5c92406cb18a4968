import { attemptSend, type ChannelMessage, type Clock, type SendAnswer, type SendAttempt } from '@kairos/sdk'
import type { ResolvedChannel } from '../channels/channel-service.ts'
import { MAX_BODY_BYTES } from '../outbound/guarded-request.ts'
import { guardedResolver, guardedTransport } from '../outbound/guarded-transport.ts'
import type { OutboundGuard } from '../outbound/outbound-guard.ts'

/**
 * What is kept of an answer: JSON of at most MAX_BODY_BYTES (what the guard
 * reads of a body at most), so a plugin's answer cannot bloat the deliveries
 * table or fail the settlement with a value JSON cannot hold.
 */
function bounded(response: unknown): unknown {
  if (response === undefined) return undefined
  let json: string | undefined
  try {
    json = JSON.stringify(response)
  } catch (error) {
    return { unserializable: (error as Error).message }
  }
  if (json === undefined) return undefined
  return json.length > MAX_BODY_BYTES ? { truncated: true, head: json.slice(0, 64 * 1024) } : response
}

/**
 * One attempt at a delivery through its channel's kind (the SDK's
 * `attemptSend`, which the test harness runs too): the config with secrets
 * opened, HTTP and addresses through the outbound guard and limited to the
 * destinations the kind declares for that config. Never throws: whatever
 * happens becomes an answer, its response bounded.
 */
export async function sendWithChannel(
  channel: ResolvedChannel,
  message: ChannelMessage,
  attempt: SendAttempt,
  deps: { guard: OutboundGuard; clock: Clock },
): Promise<SendAnswer> {
  const answer = await attemptSend(
    channel.kind,
    { channel: channel.name, config: channel.settings, message, attempt, clock: deps.clock },
    { transport: guardedTransport(deps.guard), resolve: guardedResolver(deps.guard) },
  )
  return { ...answer, response: bounded(answer.response) }
}
