import { spawn } from 'node:child_process'
import { existsSync, realpathSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'

/** This Node's folder first on PATH, so that what a command starts (`node --test`, npm's scripts) runs on Node 24 too. */
const PATH = [dirname(process.execPath), process.env.PATH].join(delimiter)

export interface CommandResult {
  status: number | null
  stdout: string
  stderr: string
}

/** Runs a command to its end without blocking the test's event loop; throws with its output when it fails, so CI shows why. */
export async function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; allowFailure?: boolean }): Promise<CommandResult> {
  const child = spawn(command, args, { cwd: options.cwd, env: { ...(options.env ?? process.env), PATH }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
  const status = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => resolve(code))
  })
  if (status !== 0 && !options.allowFailure)
    throw new Error(`\`${[command, ...args].join(' ')}\` (in ${options.cwd}) exited ${status}\n--- stderr\n${stderr}\n--- stdout\n${stdout}`)
  return { status, stdout, stderr }
}

/**
 * npm's CLI script, to run with this Node: the npm beside it in a Node distribution, else the
 * npm on PATH (a machine whose own Node is older, where the toolchain brought Node 24 alone).
 */
function npmCli(): string {
  const beside = join(dirname(process.execPath), 'npm')
  if (existsSync(beside)) return realpathSync(beside)
  for (const dir of (process.env.PATH ?? '').split(delimiter)) if (dir && existsSync(join(dir, 'npm'))) return realpathSync(join(dir, 'npm'))
  throw new Error(`no npm beside ${process.execPath} nor on PATH`)
}

/** `npm <args>` on this Node (24). */
export function npm(args: string[], options: { cwd: string }): Promise<CommandResult> {
  return run(process.execPath, [npmCli(), ...args], options)
}
