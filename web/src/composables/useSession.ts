// Who is signed in and what they may do, for the whole editor: one session shared by every
// page. Components ask `can('workspace:write')` rather than checking roles, so what a role
// sees follows the permissions the server sends (`GET /api/auth/me`), never a copy of them.
// When the session ends while someone works (a 401), `expired` turns on: the sign-in dialog
// covers the page, which stays mounted, so an unsaved draft stays in memory; signing in again
// calls every `whenSignedInAgain` listener (autosave retries, live counters reconnect).
import { computed, getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue'
import { ApiError, auth, isMissingRoute, onSignedOut, setCsrfToken } from '../api/client.ts'
import type { Me, Permission, SignedIn } from '../api/types.ts'

/**
 * `loading` until the first answer; `setup` while no account exists; `signed-out`; `signed-in`;
 * `open` for a Kairos from before accounts (no /api/auth: everything allowed, no user menu);
 * `unreachable` when the server cannot be asked.
 */
export type SessionState = 'loading' | 'setup' | 'signed-out' | 'signed-in' | 'open' | 'unreachable'

const state = ref<SessionState>('loading')
const me = shallowRef<Me | null>(null)
const expired = ref(false)
const problem = ref<string | null>(null)
const signedInAgain = new Set<() => void>()

onSignedOut(() => {
  if (state.value === 'signed-in') expired.value = true
})

function apply(current: Me): void {
  me.value = current
  setCsrfToken(current.csrfToken)
  state.value = 'signed-in'
}

/** Asks the server who this browser is; decides between the editor, sign-in and first run. */
async function init(): Promise<void> {
  problem.value = null
  try {
    apply(await auth.me())
  } catch (error) {
    if (isMissingRoute(error)) return void (state.value = 'open')
    if (!(error instanceof ApiError) || error.status !== 401) {
      problem.value = (error as Error).message
      return void (state.value = 'unreachable')
    }
    me.value = null
    setCsrfToken(null)
    try {
      state.value = (await auth.status()).setupRequired ? 'setup' : 'signed-out'
    } catch (statusError) {
      problem.value = (statusError as Error).message
      state.value = 'unreachable'
    }
  }
}

/** After login or setup: the token first (so `me` may be asked), then the permissions. */
async function signedIn(result: SignedIn): Promise<void> {
  setCsrfToken(result.csrfToken)
  apply(await auth.me())
  if (expired.value) {
    expired.value = false
    for (const listener of [...signedInAgain]) listener()
  }
}

async function login(email: string, password: string): Promise<void> {
  await signedIn(await auth.login({ email, password }))
}

async function setup(input: { email: string; name: string; password: string }): Promise<void> {
  await signedIn(await auth.setup(input))
}

async function logout(): Promise<void> {
  try {
    await auth.logout()
  } finally {
    me.value = null
    setCsrfToken(null)
    expired.value = false
    state.value = 'signed-out'
  }
}

async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await auth.changePassword({ currentPassword, newPassword })
  // Other sessions were revoked; ours may carry a fresh token.
  apply(await auth.me())
}

/** True when the session may do `permission`; `admin` may do everything. */
function can(permission: Permission): boolean {
  if (state.value === 'open') return true
  const granted = me.value?.permissions ?? []
  return granted.includes(permission) || granted.includes('admin')
}

/**
 * Runs `listener` each time the person signs in again after their session ended, for as long
 * as the calling component (or effect scope) lives.
 */
function whenSignedInAgain(listener: () => void): void {
  signedInAgain.add(listener)
  if (getCurrentScope()) onScopeDispose(() => signedInAgain.delete(listener))
}

export function useSession() {
  return {
    state,
    me,
    user: computed(() => me.value?.user ?? null),
    expired,
    problem,
    init,
    login,
    setup,
    logout,
    changePassword,
    can,
    whenSignedInAgain,
  }
}

export type Session = ReturnType<typeof useSession>
