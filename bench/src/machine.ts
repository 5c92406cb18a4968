import os from 'node:os'

/** The machine the figures were measured on; figures mean little without it. */
export interface MachineInfo {
  cpu: string
  cores: number
  memoryGb: number
  node: string
  platform: string
  postgres: string
  database: string
  /** 1, 5 and 15 minute load averages when the figures were printed: on a shared machine, how busy others kept it. */
  loadAverage: number[]
}

export function describeMachine(postgres: { version: string; server: string }): MachineInfo {
  const cpus = os.cpus()
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    postgres: postgres.version,
    database: postgres.server,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  }
}
