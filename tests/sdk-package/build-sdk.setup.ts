import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'

const ROOT = join(import.meta.dirname, '..', '..')

/** scripts/build-sdk.mjs: rebuilds packages/sdk/dist when packages/sdk/src changed (a few ms when it did not). */
function buildSdk(): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-sdk.mjs')], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] })
  if (result.stderr) process.stderr.write(result.stderr)
  if (result.status !== 0) throw new Error(`the SDK did not build (packages/sdk/dist), so nothing that imports @kairos/sdk can run:\n${result.stderr}`)
}

/**
 * The first global setup: the server, the nodes and the tests import @kairos/sdk through its
 * package exports (packages/sdk/dist), so a test run right after an edit of packages/sdk/src
 * must see the edit built. Watch mode rebuilds before each rerun.
 */
export default function setup(project: TestProject): void {
  buildSdk()
  project.onTestsRerun(() => buildSdk())
}
