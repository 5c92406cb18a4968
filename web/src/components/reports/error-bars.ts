// Error bars for Chart.js bar charts (the 95% interval of a split arm's conversion rate).
import type { Plugin } from 'chart.js'

/** Per bar of the first dataset, an interval [low, high] in the bar's units (null draws nothing). */
export type ErrorBars = Array<{ low: number; high: number } | null>

/**
 * Draws a vertical error bar with caps over each bar of the first dataset: the 95% interval
 * of a split arm's conversion rate. Chart.js has no error bars of its own and a plugin
 * package for it would add more than these lines.
 */
export function errorBarsPlugin(bars: ErrorBars): Plugin<'bar'> {
  return {
    id: 'kairosErrorBars',
    afterDatasetsDraw(chart) {
      const meta = chart.getDatasetMeta(0)
      const y = chart.scales.y
      const { ctx } = chart
      ctx.save()
      ctx.strokeStyle = '#1d2433'
      ctx.lineWidth = 1.5
      meta.data.forEach((bar, i) => {
        const range = bars[i]
        if (!range) return
        const x = bar.x
        const top = y.getPixelForValue(range.high)
        const bottom = y.getPixelForValue(range.low)
        ctx.beginPath()
        ctx.moveTo(x, top)
        ctx.lineTo(x, bottom)
        ctx.moveTo(x - 6, top)
        ctx.lineTo(x + 6, top)
        ctx.moveTo(x - 6, bottom)
        ctx.lineTo(x + 6, bottom)
        ctx.stroke()
      })
      ctx.restore()
    },
  }
}
