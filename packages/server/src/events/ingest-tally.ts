import type { IncomingEvent, IngestResult } from './ingest-events.ts'
import type { JourneyChanges, StoredEvent } from './apply-events.ts'

/**
 * Counts what one ingest transaction did per group of events (a group is one
 * request's batch; group commit puts several in a transaction), so each
 * request is answered with its own result as if it had been posted alone.
 * Stored events are told apart by their new ids, and every change names the
 * event that caused it.
 */
export class IngestTally {
  readonly #results: IngestResult[]
  /** Group index of each event, in arrival order. */
  readonly #groupOfOrd: number[] = []
  readonly #groupOfEvent = new Map<string, number>()
  readonly #events: IncomingEvent[]

  constructor(groups: IncomingEvent[][]) {
    this.#results = groups.map((group) => ({
      accepted: 0, duplicates: group.length, runsStarted: 0, runsResumed: 0, runsExited: 0, runsConverted: 0,
    }))
    this.#events = groups.flat()
    groups.forEach((group, g) => group.forEach(() => this.#groupOfOrd.push(g)))
  }

  /**
   * `stored` in arrival order (insert order), as `insert … on conflict do nothing` returned them.
   * An event without an id is always stored; of events sharing an id, only the first not already
   * in the table is, so walking the events in order pairs each stored row with its event.
   */
  stored(stored: Array<StoredEvent & { idempotency_id: string | null }>): void {
    const returnedIds = new Set(stored.flatMap((e) => (e.idempotency_id === null ? [] : [e.idempotency_id])))
    let next = 0
    this.#events.forEach((event, ord) => {
      const isStored = event.id === undefined || returnedIds.delete(event.id)
      if (!isStored) return
      const row = stored[next++]
      const group = this.#groupOfOrd[ord]
      this.#groupOfEvent.set(row.id, group)
      this.#results[group].accepted++
      this.#results[group].duplicates--
    })
  }

  /** Attributes each run started, resumed, exited and converted to the group of the event that did it. */
  changes(changes: JourneyChanges, convertedBy: string[]): void {
    for (const run of changes.started) {
      this.#count(run.trigger.id, 'runsStarted')
      if (run.exitedBy) this.#count(run.exitedBy.id, 'runsExited')
    }
    for (const { event } of changes.resumed) this.#count(event.id, 'runsResumed')
    for (const { event } of changes.exited) this.#count(event.id, 'runsExited')
    for (const eventId of convertedBy) this.#count(eventId, 'runsConverted')
  }

  results(): IngestResult[] {
    return this.#results
  }

  #count(eventId: string, field: 'runsStarted' | 'runsResumed' | 'runsExited' | 'runsConverted'): void {
    const group = this.#groupOfEvent.get(String(eventId))
    if (group !== undefined) this.#results[group][field]++
  }
}
