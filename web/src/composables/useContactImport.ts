// A contacts import in steps: the file read and split into rows, the columns mapped, each row
// checked, then the good rows sent 1,000 a request with progress. A row the server still
// refuses (its batch answers 400 naming it) is reported with the server's words and the rest of
// its batch is sent again, so one bad row never costs the other 999.
import { computed, ref, shallowRef } from 'vue'
import { ApiError, contactWrites } from '../api/client.ts'
import type { SalesRep } from '../api/types.ts'
import { batches, buildWrites, guessMapping, mappingProblem, rowOfField, type ColumnMapping, type ContactWrite, type RowProblem } from '../lib/contact-import.ts'
import { parseCsv } from '../lib/csv.ts'
import { problemText } from '../lib/api-problem.ts'
import { t } from '../i18n/index.ts'

export type ImportStep = 'choose' | 'map' | 'importing' | 'done'

export function useContactImport(reps: () => SalesRep[]) {
  const step = ref<ImportStep>('choose')
  const fileName = ref('')
  const header = shallowRef<string[]>([])
  const rows = shallowRef<string[][]>([])
  const mapping = ref<ColumnMapping[]>([])
  const fileError = ref<string | null>(null)
  const sent = ref(0)
  const upserted = ref(0)
  const created = ref(0)
  const refused = ref<RowProblem[]>([])
  const fatal = ref<string | null>(null)

  async function choose(file: File): Promise<void> {
    fileError.value = null
    fileName.value = file.name
    const parsed = parseCsv(await file.text())
    if (parsed.length < 2) return void (fileError.value = t('contacts.import.tooShort'))
    header.value = parsed[0]
    rows.value = parsed.slice(1)
    mapping.value = guessMapping(header.value, rows.value)
    step.value = 'map'
  }

  const problem = computed(() => mappingProblem(mapping.value))
  const checked = computed(() => (problem.value ? { writes: [], problems: [] } : buildWrites(rows.value, mapping.value, reps(), (key, values) => t(key, values ?? {}))))
  const total = computed(() => checked.value.writes.length)

  /** Sends one batch; rows the server names are set aside and the rest sent again (once). */
  async function sendBatch(batch: Array<{ line: number; write: ContactWrite }>, retried = false): Promise<void> {
    try {
      const reply = await contactWrites.batch(batch.map((b) => b.write))
      upserted.value += reply.upserted
      created.value += reply.created
    } catch (e) {
      const named = e instanceof ApiError && e.status === 400 ? e.details.map((d) => ({ index: rowOfField(d.field), message: d.message, field: d.field })) : []
      const bad = new Set(named.flatMap((n) => (n.index === null ? [] : [n.index])))
      if (retried || bad.size === 0) throw e
      for (const n of named) if (n.index !== null) refused.value.push({ line: batch[n.index].line, message: `${n.field.replace(/^body\.contacts\[\d+\]\.?/, '') || 'row'}: ${n.message}` })
      const rest = batch.filter((_, i) => !bad.has(i))
      if (rest.length) await sendBatch(rest, true)
    }
  }

  async function start(): Promise<void> {
    step.value = 'importing'
    sent.value = upserted.value = created.value = 0
    refused.value = []
    fatal.value = null
    try {
      for (const batch of batches(checked.value.writes)) {
        await sendBatch(batch)
        sent.value += batch.length
      }
    } catch (e) {
      fatal.value = problemText(e)
    }
    step.value = 'done'
  }

  function reset(): void {
    step.value = 'choose'
    header.value = []
    rows.value = []
    mapping.value = []
    fileName.value = ''
  }

  return { step, fileName, header, rows, mapping, fileError, problem, checked, total, sent, upserted, created, refused, fatal, choose, start, reset }
}
