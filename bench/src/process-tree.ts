import { readdirSync, readFileSync } from 'node:fs'

/** One process of a tree, as /proc shows it. */
export interface TreeProcess {
  pid: number
  /** Resident memory (VmRSS), in MB. */
  rssMb: number
  /** Its command line, cut to 100 characters. */
  command: string
}

const read = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined // the process ended while we looked
  }
}

/** The parent of every live process, from /proc/<pid>/stat (field 4, after the command in parentheses). */
function parents(): Map<number, number> {
  const parentOf = new Map<number, number>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const stat = read(`/proc/${name}/stat`)
    // The command may itself hold spaces and parentheses: fields start after the last ')'.
    const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (fields) parentOf.set(Number(name), Number(fields[1]))
  }
  return parentOf
}

/**
 * `root` and every process descended from it, largest first, with each one's VmRSS. The sum
 * counts memory shared between processes (Postgres' shared buffers, a binary's pages) once per
 * process, as `ps` and most monitors do, so it is what an operator sees, not what the kernel
 * would free. Linux only: it reads /proc.
 */
export function processTree(root: number): TreeProcess[] {
  const parentOf = parents()
  const inTree = new Set([root])
  for (let grew = true; grew; ) {
    grew = false
    for (const [pid, parent] of parentOf)
      if (!inTree.has(pid) && inTree.has(parent)) (inTree.add(pid), (grew = true))
  }
  const processes: TreeProcess[] = []
  for (const pid of inTree) {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(read(`/proc/${pid}/status`) ?? '')?.[1]
    if (!kb) continue // gone, or a zombie with no memory left
    const command = (read(`/proc/${pid}/cmdline`) ?? '').replaceAll('\0', ' ').trim().slice(0, 100)
    processes.push({ pid, rssMb: Math.round((Number(kb) / 1024) * 10) / 10, command })
  }
  return processes.sort((a, b) => b.rssMb - a.rssMb)
}
