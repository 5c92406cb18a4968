import type { ContactSnapshot, EventSnapshot, RunInfo } from '@kairos/sdk'
import type { WebhookConfig } from './config.ts'

/**
 * The JSON body the endpoint receives. The contact is identified by its
 * `externalId` (the id the receiving system already knows); attributes, tags
 * and the event are there only when `include` asks for them, so a receiver
 * that needs only the id is not sent personal data.
 */
export function webhookPayload(
  include: WebhookConfig['include'],
  contact: ContactSnapshot,
  run: RunInfo,
  event: EventSnapshot | undefined,
): Record<string, unknown> {
  const parts = new Set(include)
  return {
    contact: {
      externalId: contact.externalId,
      ...(parts.has('attributes') ? { attributes: contact.attributes } : {}),
      ...(parts.has('tags') ? { tags: contact.tags } : {}),
      ownerId: contact.ownerId,
    },
    run: { id: run.id, flowId: run.flowId, nodeId: run.nodeId },
    ...(parts.has('event') && event ? { event } : {}),
  }
}
