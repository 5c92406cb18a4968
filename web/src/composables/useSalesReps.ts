// Sales reps, for linking a `sales` user to the rep whose tasks and contacts they see (see
// useSharedList for when they are fetched). A server or role that cannot list them leaves the
// list empty, and the rep's id is typed by hand.
import { api } from '../api/client.ts'
import { useSharedList } from './useSharedList.ts'

const repList = useSharedList(() => api.listSalesReps())

export function useSalesReps() {
  const { items, ...state } = repList()
  return { reps: items, ...state }
}
