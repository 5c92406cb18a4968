// Coupon codes from an uploaded file: one per line of a text file, or the `code` column (else the
// first) of a CSV. What the server would refuse is counted apart, before anything is sent.
import { parseCsv } from './csv.ts'

/** The server's limit on one code. */
export const MAX_CODE_LENGTH = 100

export interface CodeFile {
  /** Unique codes to upload, in file order. */
  codes: string[]
  /** Repeats within the file (kept once). */
  duplicates: number
  /** Codes that cannot be one: longer than MAX_CODE_LENGTH or with spaces inside. */
  rejected: string[]
}

export function readCodes(text: string): CodeFile {
  const rows = parseCsv(text)
  const header = rows[0]?.map((h) => h.trim().toLowerCase()) ?? []
  const named = header.findIndex((h) => h === 'code' || h === 'codes' || h === '券码' || h === '优惠码')
  const column = Math.max(named, 0)
  const values = (named >= 0 ? rows.slice(1) : rows).map((r) => (r[column] ?? '').trim()).filter((v) => v !== '')
  const seen = new Set<string>()
  const rejected: string[] = []
  let duplicates = 0
  for (const value of values) {
    if (value.length > MAX_CODE_LENGTH || /\s/.test(value)) rejected.push(value)
    else if (seen.has(value)) duplicates++
    else seen.add(value)
  }
  return { codes: [...seen], duplicates, rejected }
}
