// Saved segments for the segment picker (see useSharedList for when they are fetched).
import { api } from '../api/client.ts'
import { useSharedList } from './useSharedList.ts'

const segmentList = useSharedList(() => api.listSegments())

export function useSegments() {
  const { items, ...state } = segmentList()
  return { segments: items, ...state }
}
