/**
 * Peak resident memory of this process (API, worker and benches share it,
 * as they do in the default `all` role), sampled every `everyMs`. A sampler
 * rather than one reading at the end, because the peak is what an operator
 * sizes a container for. Also keeps the peak of each named phase, and the
 * peak of V8's used heap, to tell live JavaScript objects from memory the
 * process merely holds on to.
 */
export interface RssSampler {
  /** Starts attributing samples to `name`. */
  phase(name: string): void
  peakMb(): number
  peakHeapUsedMb(): number
  phasePeaksMb(): Record<string, number>
  stop(): void
}

const MB = 1024 * 1024
const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10

export function startRssSampler(everyMs = 50): RssSampler {
  let peak = 0
  let peakHeap = 0
  let current = 'setup'
  const peaks: Record<string, number> = {}
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage()
    if (rss > peak) peak = rss
    if (heapUsed > peakHeap) peakHeap = heapUsed
    if (rss > (peaks[current] ?? 0)) peaks[current] = rss
  }
  sample()
  const timer = setInterval(sample, everyMs)
  timer.unref()
  return {
    phase(name) {
      sample()
      current = name
      sample()
    },
    peakMb: () => (sample(), mb(peak)),
    peakHeapUsedMb: () => mb(peakHeap),
    phasePeaksMb: () => Object.fromEntries(Object.entries(peaks).map(([k, v]) => [k, mb(v)])),
    stop: () => clearInterval(timer),
  }
}
