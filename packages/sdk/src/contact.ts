/** What a node sees of the contact a run is for. */
export interface ContactSnapshot {
  id: string
  externalId: string
  attributes: Record<string, unknown>
  tags: string[]
  ownerId: string | null
}

/** An event as the journey sees it: the one that started the run, or one waited for. */
export interface EventSnapshot {
  id: string
  name: string
  properties: Record<string, unknown>
  occurredAt: string
}
