// CSV as spreadsheets write it (RFC 4180): quoted fields with commas, quotes ("") and line
// breaks inside, CRLF or LF, a UTF-8 byte-order mark (Excel's), and the separator Excel picks in
// many locales (";", or a tab for text exported as "Unicode text") found from the first line.

export type CsvRows = string[][]

/** The separator used on the first line outside quotes: the most frequent of , ; and tab. */
function separatorOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  const counts = [',', ';', '\t'].map((s) => [s, firstLine.split(s).length] as const)
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0]
}

/** Every row, every field as text; blank lines are left out. */
export function parseCsv(input: string): CsvRows {
  const text = input.replace(/^\uFEFF/, '')
  const sep = separatorOf(text)
  const rows: CsvRows = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++
      else if (c === '"') quoted = false
      else field += c
    } else if (c === '"' && field === '') quoted = true
    else if (c === sep) row.push(field), (field = '')
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      if (row.some((f) => f !== '')) rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  row.push(field)
  if (row.some((f) => f !== '')) rows.push(row)
  return rows
}

/** One field written for CSV: quoted when it holds the separator, a quote or a line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** Rows as CSV text, with a byte-order mark so Excel reads it as UTF-8 (Chinese names intact). */
export function toCsv(rows: CsvRows): string {
  return '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}

/** Reads a chosen file as text (UTF-8). */
export function readFileText(file: File): Promise<string> {
  return file.text()
}
