/** True when parsing `text` fails only because it ends (a prefix of some valid JSON), or succeeds. */
function viablePrefix(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch (error) {
    const message = (error as Error).message
    if (/end of JSON input/.test(message)) return true
    const at = /at position (\d+)/.exec(message)
    return at !== null && Number(at[1]) >= text.length
  }
}

/**
 * Where JSON.parse's first problem in `text` is, as a 1-based line and column:
 * V8's messages give a position for some errors only ("Unexpected token ','" has
 * none), so this finds the longest prefix that is still the start of valid JSON
 * (a property that holds for every shorter prefix too), by bisection.
 */
export function jsonErrorPosition(text: string): { line: number; column: number } {
  let good = 0
  let bad = text.length
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2)
    if (viablePrefix(text.slice(0, middle))) good = middle
    else bad = middle
  }
  const before = text.slice(0, good)
  const line = before.split('\n').length
  return { line, column: good - before.lastIndexOf('\n') }
}
