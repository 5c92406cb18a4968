// One value of the reports CSV (report-csv.ts), apart so it is tested without the editor's i18n.

export type Cell = string | number | boolean | null

/**
 * A value as a CSV field: quoted when it holds a comma, quote or line break; a text that a
 * spreadsheet would run as a formula (=, +, -, @ first, as a step named "=HYPERLINK(…)")
 * starts with an apostrophe instead. Numbers are unformatted, fractions to four places; one
 * smaller than that (a p-value of 2e-9) to three significant digits, which spreadsheets read.
 */
export function csvField(value: Cell): string {
  if (value === null) return ''
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return ''
    const rounded = Math.round(value * 10_000) / 10_000
    return rounded === 0 && value !== 0 ? value.toPrecision(3) : String(rounded)
  }
  let text = String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}
