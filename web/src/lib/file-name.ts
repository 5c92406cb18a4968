// A file name from a journey's name that every system accepts and a person still recognises:
// letters and digits of any script kept (高级客户周期购续费提醒 stays Chinese), everything else
// (spaces, punctuation, characters Windows refuses) folded into single dashes, Latin lower-cased.

const MAX_LENGTH = 100

/** `Shared cart journey (imported)` → `shared-cart-journey-imported`; `fallback` when nothing is left. */
export function safeFileName(name: string, fallback = 'journey'): string {
  const base = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .toLowerCase()
    .slice(0, MAX_LENGTH)
  return base || fallback
}
