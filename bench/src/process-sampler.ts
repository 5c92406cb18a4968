import { readFile } from 'node:fs/promises'

/** Another process's peak resident memory and CPU time over a stretch, read from /proc. */
export interface ProcessSampler {
  /** The highest VmRSS seen, in MB (one decimal); undefined when /proc could not be read. */
  peakRssMb(): number | undefined
  /** CPU seconds (user + system, all threads) the process used since it started; undefined without /proc. */
  cpuSeconds(): Promise<number | undefined>
  stop(): Promise<void>
}

// /proc reports CPU times in USER_HZ, which Linux fixes at 100 for user space on every architecture.
const USER_HZ = 100

async function cpuSeconds(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    // The command name, in parentheses, may hold spaces: count fields after its closing one (utime, stime are 14 and 15).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / USER_HZ
  } catch {
    return undefined
  }
}

/**
 * Samples /proc/<pid>/status' VmRSS every `everyMs` (default 100 ms), as
 * `rss.ts` does for this process: the peak while some load runs is what a
 * container for that process must hold (VmHWM would give the peak since the
 * process started, not the peak of one round). Its CPU time, read at two
 * moments, tells whether it was busy all along (1 s per second = one core)
 * or waiting. Linux only;
 * elsewhere both stay unknown.
 */
export function sampleProcess(pid: number, everyMs = 100): ProcessSampler {
  let peakKb: number | undefined
  const sample = async () => {
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'))
      if (match) peakKb = Math.max(peakKb ?? 0, Number(match[1]))
    } catch {
      // The process exited or /proc is absent: the peak so far stands.
    }
  }
  let pending: Promise<void> = sample()
  const timer = setInterval(() => (pending = pending.then(sample)), everyMs)
  timer.unref()
  return {
    peakRssMb: () => (peakKb === undefined ? undefined : Math.round((peakKb / 1024) * 10) / 10),
    cpuSeconds: () => cpuSeconds(pid),
    async stop() {
      clearInterval(timer)
      await pending
      await sample()
    },
  }
}
