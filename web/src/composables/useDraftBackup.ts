// A copy of a draft that has not reached the server yet, kept in this tab's sessionStorage
// while a save is in flight and left there when it fails (signed out, server down). If the
// page is reloaded or the journey reopened before a save succeeds, the editor puts the copy
// back, so signing in again never costs the work done meanwhile.
import type { FlowGraph } from '../api/types.ts'

const PREFIX = 'kairos.unsaved-draft.'

export interface DraftBackup {
  graph: FlowGraph
  /** When the copy was taken. */
  at: string
}

export function useDraftBackup(flowId: string) {
  const key = PREFIX + flowId

  function keep(graph: FlowGraph): void {
    try {
      sessionStorage.setItem(key, JSON.stringify({ graph, at: new Date().toISOString() } satisfies DraftBackup))
    } catch (error) {
      // Storage full or disabled: the draft still lives in memory and autosave retries.
      console.warn('[kairos] could not keep a copy of the unsaved draft', error)
    }
  }

  function read(): DraftBackup | null {
    try {
      const text = sessionStorage.getItem(key)
      const backup = text ? (JSON.parse(text) as DraftBackup) : null
      return backup && Array.isArray(backup.graph?.nodes) ? backup : null
    } catch {
      return null
    }
  }

  const clear = (): void => sessionStorage.removeItem(key)

  return { keep, read, clear }
}
