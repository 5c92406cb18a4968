import { answerChallenge, readReceipts, type ReceiptRequest } from '@kairos/sdk'
import { ChannelKindNotLoaded, type ResolvedChannel } from '../channels/channel-service.ts'
import type { KairosCore } from '../core.ts'
import { KairosError, notFound } from '../errors.ts'
import { recordReceipt } from './record-receipt.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** What came of a provider's receipt request. */
export interface ReceiptsReceived {
  /** Statuses the request reported. */
  received: number
  /**
   * Recorded on a delivery of this channel (a repeat of one recorded before counts, and emits
   * nothing new); for one still queued when the provider was faster than Kairos, kept and
   * applied when it settles.
   */
  recorded: number
  /** Naming no delivery of this channel, or one that was not sent (deferred to later, or suppressed). */
  unmatched: number
}

/** The channel behind a receipt URL, with its secrets opened, if its kind takes receipts. */
async function receivingChannel(core: KairosCore, name: string): Promise<ResolvedChannel & { kind: { receipt: NonNullable<ResolvedChannel['kind']['receipt']> } }> {
  let channel: ResolvedChannel | undefined
  try {
    channel = await core.channels.resolve(name)
  } catch (error) {
    // Another process may have the kind's package: the provider is told to try again later.
    if (error instanceof ChannelKindNotLoaded) throw new KairosError('KAIROS_NOT_READY', `${error.message}, so it cannot check receipts`)
    throw error
  }
  if (!channel?.kind.receipt) throw notFound('channel taking receipts', name)
  // Without its secrets a signature cannot be checked: the provider is told to try again later.
  if (channel.unreadable) throw new KairosError('KAIROS_NOT_READY', `channel "${name}" cannot check receipts: its secrets do not open; save the channel again`)
  return channel as ResolvedChannel & { kind: { receipt: NonNullable<ResolvedChannel['kind']['receipt']> } }
}

/** The delivery of channel `name` an update names: by Kairos' id when it gives one that is, else by the provider's message id. */
async function deliveryOf(core: KairosCore, name: string, update: { deliveryId?: string; providerMessageId?: string }): Promise<string | undefined> {
  const ofChannel = core.database.db.selectFrom('deliveries').select('id').where('provider', '=', name)
  if (update.deliveryId !== undefined && UUID.test(update.deliveryId)) {
    const found = await ofChannel.where('id', '=', update.deliveryId).executeTakeFirst()
    if (found) return found.id
  }
  if (update.providerMessageId === undefined) return undefined
  return (await ofChannel.where('provider_message_id', '=', update.providerMessageId).executeTakeFirst())?.id
}

/**
 * A provider's delivery receipts for channel `name` (`POST /api/channels/:name/receipts`):
 * its kind's `receipt.parse` checks the request (a signature with the channel's secrets)
 * and reads the statuses; each is recorded on the delivery of this channel it names, as
 * `POST /api/deliveries/:id/status` records one, emitting `message.delivered`, … for the contact.
 * Throws 404 (no such channel, or its kind takes no receipts), 401 (not the provider's),
 * 400 (a request the kind cannot read). The answer also holds what the provider expects in
 * it (the kind's `receipt.reply`: Aliyun's `{ code: 0, msg: '成功' }`), or it sends them again.
 */
export async function receiveReceipts(core: KairosCore, name: string, request: ReceiptRequest): Promise<ReceiptsReceived & Record<string, unknown>> {
  const channel = await receivingChannel(core, name)
  const read = await readReceipts(channel.kind, request, { config: channel.settings, channel: name, clock: core.clock })
  if (read.status !== 200)
    throw read.status === 401 ? new KairosError('KAIROS_UNAUTHORIZED', read.error) : new KairosError('KAIROS_VALIDATION', read.error, [{ field: 'body', message: read.error }])
  const list = read.updates
  const result: ReceiptsReceived = { received: list.length, recorded: 0, unmatched: 0 }
  for (const update of list) {
    const id = await deliveryOf(core, name, update)
    if (id === undefined) {
      result.unmatched++
      continue
    }
    try {
      await recordReceipt(core, id, { status: update.status, ...(update.at ? { at: update.at } : {}), ...(update.error ? { reason: update.error.slice(0, 500) } : {}) })
      result.recorded++
    } catch (error) {
      // Not sent yet (deferred to later) or never (suppressed): nothing to record it on.
      if (error instanceof KairosError && error.code === 'KAIROS_CONFLICT') result.unmatched++
      else throw error
    }
  }
  return { ...channel.kind.receipt.reply, ...result }
}

/** A provider's check of the receipt URL (WhatsApp's `hub.challenge`): the text to answer, or 403. */
export async function answerReceiptChallenge(core: KairosCore, name: string, query: Record<string, string>): Promise<string> {
  const channel = await receivingChannel(core, name)
  const answer = answerChallenge(channel.kind, query, { config: channel.settings, channel: name, clock: core.clock })
  if (answer.status === 403) throw new KairosError('KAIROS_FORBIDDEN', `channel "${name}" does not confirm this receipt URL check`)
  return answer.body
}
