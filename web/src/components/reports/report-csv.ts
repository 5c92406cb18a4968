// The reports page as a CSV file: one block per section (funnel, over time, messages, splits and,
// with a workspace control group, its lift), each row starting with its section's name so a
// filter in Excel keeps one, blocks apart by a blank line. Headers in the editor's language; numbers unformatted (rates as fractions to four
// places) so a spreadsheet computes with them. A UTF-8 byte order mark makes Excel read the file
// as UTF-8, so Chinese step names open as Chinese instead of mojibake.
import { t } from '../../i18n/index.ts'
import { safeFileName } from '../../lib/file-name.ts'
import { csvField, type Cell } from './csv-field.ts'
import { zonedStamp, type FlowReport, type FlowSeries, type FunnelRow } from './report-model.ts'

const line = (cells: Cell[]) => cells.map(csvField).join(',')
const rules = (counts: Record<string, number>) => Object.entries(counts).map(([rule, n]) => `${rule}: ${n}`).join('; ')

export interface ReportCsvInput {
  report: FlowReport
  series: FlowSeries
  funnel: FunnelRow[]
  labelOf: (id: string) => string
}

export function reportCsv({ report, series, funnel, labelOf }: ReportCsvInput): string {
  const blocks: string[][] = []
  const funnelName = t('reports.csv.funnel')
  blocks.push([
    line([t('reports.csv.section'), t('reports.csv.stepId'), t('reports.funnel.step'), t('reports.funnel.entered'), t('reports.funnel.ofEntries'), t('reports.funnel.fromPrevious'), t('reports.funnel.dropped'), t('reports.funnel.failed'), t('reports.funnel.waiting')]),
    ...funnel.map((r) => line([funnelName, r.id, r.label, r.entered, r.ofEntries, r.fromPrevious, r.dropped, r.failed, r.waitingNow])),
  ])
  const seriesName = t('reports.csv.series')
  blocks.push([
    line([t('reports.csv.section'), t('reports.csv.startUtc'), t('reports.csv.startLocal', { zone: series.timezone }), t('reports.series.entries'), t('reports.series.conversions')]),
    ...series.points.map((p) => line([seriesName, p.start, zonedStamp(new Date(p.start), series.timezone), p.entries, p.conversions])),
  ])
  const messagesName = t('reports.csv.messages')
  blocks.push([
    line([
      t('reports.csv.section'), t('reports.csv.stepId'), t('reports.messages.step'), t('reports.messages.channel'), t('reports.messages.sent'), t('reports.messages.delivered'),
      t('reports.messages.failed'), t('reports.messages.suppressed'), t('reports.messages.scheduled'), t('reports.messages.deferred'), t('reports.messages.clicked'),
      t('reports.messages.opened'), t('reports.csv.ruleSuppressed'), t('reports.csv.ruleDeferred'),
    ]),
    ...Object.entries(report.messages).map(([id, m]) =>
      line([messagesName, id, labelOf(id), m.channel, m.sent, m.delivered, m.failed, m.suppressed, m.scheduled, m.deferred, m.clicked, m.opened, rules(m.suppressedBy), rules(m.deferredBy)]),
    ),
  ])
  const splitsName = t('reports.csv.splits')
  blocks.push([
    line([
      t('reports.csv.section'), t('reports.csv.stepId'), t('reports.splits.split'), t('reports.splits.arm'), t('reports.splits.contacts'), t('reports.splits.converted'),
      t('reports.splits.rate'), t('reports.csv.intervalLow'), t('reports.csv.intervalHigh'), t('reports.splits.difference'), t('reports.splits.pValue'), t('reports.splits.verdict'),
      t('reports.csv.autoWinner'),
    ]),
    ...Object.entries(report.splits).flatMap(([id, arms]) =>
      Object.entries(arms).map(([arm, a]) =>
        line([
          splitsName, id, labelOf(id), arm, a.contacts, a.converted, a.conversionRate, a.interval?.low ?? null, a.interval?.high ?? null, a.difference, a.pValue,
          a.reference ? t('reports.splits.reference') : a.significant ? t('reports.splits.significant') : t('reports.splits.notSignificant'),
          report.decisions[id]?.arm === arm ? t('reports.splits.winner') : null,
        ]),
      ),
    ),
  ])
  const group = report.controlGroup
  if (group) {
    const controlName = t('reports.csv.control')
    const row = (label: string, g: typeof group.control) => line([controlName, label, g.contacts, g.converted, g.conversionRate, g.interval?.low ?? null, g.interval?.high ?? null, null, null])
    blocks.push([
      line([t('reports.csv.section'), t('reports.control.group'), t('reports.splits.contacts'), t('reports.splits.converted'), t('reports.csv.rateOrLift'), t('reports.csv.intervalLow'), t('reports.csv.intervalHigh'), t('reports.splits.pValue'), t('reports.splits.verdict')]),
      row(t('reports.control.control'), group.control),
      row(t('reports.control.treated'), group.treated),
      ...(group.lift
        ? [line([controlName, t('reports.control.lift'), null, null, group.lift.difference, group.lift.interval.low, group.lift.interval.high, group.lift.pValue, group.lift.significant ? t('reports.splits.significant') : t('reports.splits.notSignificant')])]
        : []),
    ])
  }
  // CRLF, as RFC 4180 and Excel expect.
  return blocks.map((b) => b.join('\r\n')).join('\r\n\r\n') + '\r\n'
}

/** `高级客户周期购续费提醒-report-2027-03-01-2027-03-30.csv`: the journey's name kept, the range's dates in its zone. */
export function reportFileName(name: string, from: string, to: string): string {
  return `${safeFileName(name)}-report-${from}-${to}.csv`
}

/** Hands the CSV to the browser as a download, with the byte order mark first. */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
