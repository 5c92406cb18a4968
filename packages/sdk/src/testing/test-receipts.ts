import type { Clock } from '../clock.ts'
import type { AnyChannelDefinition } from '../define-channel.ts'
import { answerChallenge, readReceipts, type ReceiptsRead } from '../channel/read-receipts.ts'
import { channelConfig } from './channel-config.ts'
import { ManualClock } from './manual-clock.ts'

export interface TestReceiptOptions {
  /** The channel's config, secrets in clear: validated as the server saves it (defaults filled in). */
  config: unknown
  /** The channel's name (default `test-channel`). */
  channel?: string
  clock?: Clock
}

/**
 * Posts a provider's receipt request to a channel kind as
 * `POST /api/channels/:name/receipts` hands it over: the body as sent (sign
 * `rawBody` as the provider does), header names in lower case, the query's
 * single values. Answers as the route would: 200 with the updates it reads,
 * 401 (`ReceiptRefused`: not the provider's) or 400 (a body it cannot read);
 * throws when `parse` returns something that is not receipt updates, or the
 * kind takes no receipts.
 */
export function postReceipts(
  definition: AnyChannelDefinition,
  request: TestReceiptOptions & { rawBody: string; headers?: Record<string, string>; query?: Record<string, string> },
): Promise<ReceiptsRead> {
  const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]))
  return readReceipts(definition, { headers, rawBody: request.rawBody, query: request.query ?? {} }, contextOf(definition, request))
}

/** A provider's GET check of the receipt URL (`hub.challenge`), as the route answers it: 200 with the text, or 403. */
export function getReceiptChallenge(definition: AnyChannelDefinition, request: TestReceiptOptions & { query: Record<string, string> }) {
  return answerChallenge(definition, request.query, contextOf(definition, request))
}

function contextOf(definition: AnyChannelDefinition, options: TestReceiptOptions) {
  return { config: channelConfig(definition, options.config), channel: options.channel ?? 'test-channel', clock: options.clock ?? new ManualClock() }
}
