// A time of day as typed on the 24-hour clock: "9:00", "0900", "21.30" and "21:30" all mean
// what they look like; anything else is not a time. The browser's own time input follows the
// computer's locale (9:00 PM on an English system), which is why the editor does not use it.

/** "HH:MM" for what was typed, or null when it is not a time of day. */
export function parseTimeOfDay(text: string): string | null {
  const match = text.trim().match(/^(\d{1,2})(?:[:.：]?(\d{2}))?$/)
  if (!match) return null
  const hours = Number(match[1])
  const minutes = Number(match[2] ?? '0')
  if (hours > 23 || minutes > 59) return null
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`
}
