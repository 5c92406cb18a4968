import type { EventSnapshot } from '@kairos/sdk'
import type { RunState, RunStatus, WaitState } from '@kairos/engine'
import type { ContactSnapshot } from '@kairos/sdk'
import type { ContactRow, RunRow } from '../db/database.ts'

/** A runs row as the interpreter's RunState. */
export function toRunState(row: RunRow): RunState {
  return {
    id: row.id,
    flowId: row.flow_id,
    flowVersion: row.flow_version,
    contactId: row.contact_id,
    status: row.status as RunStatus,
    nodeId: row.node_id,
    nodeEnteredAt: row.node_entered_at,
    seq: row.seq,
    enteredAt: row.entered_at,
    trigger: (row.trigger as EventSnapshot | null) ?? undefined,
    wait: row.wait as WaitState | null,
  }
}

export function toContactSnapshot(row: ContactRow): ContactSnapshot {
  return { id: row.id, externalId: row.external_id, attributes: row.attributes, tags: row.tags, ownerId: row.owner_id }
}
