// The channel kinds this server has loaded, for pickers that name a kind (see useSharedList for
// when they are fetched): their titles in the editor's language come with them (channel-text.ts).
import { settings } from '../api/client.ts'
import type { ChannelKind } from '../api/types.ts'
import { channelKindTitle } from '../lib/channel-text.ts'
import { useSharedList } from './useSharedList.ts'

const kindList = useSharedList(() => settings.channelKinds())

export function useChannelKinds() {
  const { items, ...state } = kindList()
  /** A kind's title in the editor's language, else its name (not loaded, or not installed). */
  const titleOf = (kind: string) => channelKindTitle(items.value.find((k: ChannelKind) => k.kind === kind), kind)
  return { kinds: items, titleOf, ...state }
}
