/** One thing wrong with a config or document: the field path and what is wrong with it. */
export interface Problem {
  field: string
  message: string
}
