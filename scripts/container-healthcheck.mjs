// The image's HEALTHCHECK: GET /ready on PORT for the roles that serve HTTP (`api`, `all`).
// A `worker` serves no HTTP and exits non-zero by itself when it loses the database for good,
// so while its container runs it is healthy. The role is the container's command when given
// (`docker run kairos worker`), else KAIROS_ROLE, as in packages/server/src/main.ts.
import { readFileSync } from 'node:fs'

const ROLES = ['api', 'worker', 'all', 'migrate']
let commandRole
try {
  // PID 1 is `node ... packages/server/src/main.ts [role]`.
  const args = readFileSync('/proc/1/cmdline', 'utf8').split('\0')
  const main = args.findIndex((arg) => arg.endsWith('main.ts'))
  if (main >= 0 && ROLES.includes(args[main + 1])) commandRole = args[main + 1]
} catch {
  // Not in a container: fall back to the environment.
}
const role = commandRole ?? process.env.KAIROS_ROLE ?? 'all'
if (role === 'worker' || role === 'migrate') process.exit(0)

try {
  const response = await fetch(`http://127.0.0.1:${process.env.PORT || 3000}/ready`, { signal: AbortSignal.timeout(4000) })
  if (!response.ok) console.error(`/ready answered ${response.status}: ${await response.text()}`)
  process.exit(response.ok ? 0 : 1)
} catch (error) {
  console.error(`/ready did not answer: ${error instanceof Error ? error.message : error}`)
  process.exit(1)
}
