// Configured channels for the channel picker (see useSharedList for when they are fetched).
import { api } from '../api/client.ts'
import { useSharedList } from './useSharedList.ts'

const channelList = useSharedList(() => api.listChannels())

export function useChannels() {
  const { items, ...state } = channelList()
  return { channels: items, ...state }
}
