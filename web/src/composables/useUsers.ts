// The people who sign in (Settings → Users): list, add, and change one (role, disabled,
// password, linked sales rep). Each change replaces that row with the server's answer.
import { ref } from 'vue'
import { admin } from '../api/client.ts'
import type { Role, User } from '../api/types.ts'

export type UserPatch = { name?: string; role?: Role; disabled?: boolean; password?: string; salesRepId?: string | null }

export function useUsers() {
  const users = ref<User[]>([])
  const loading = ref(true)
  const error = ref<string | null>(null)

  async function load(): Promise<void> {
    error.value = null
    try {
      users.value = await admin.listUsers()
    } catch (e) {
      error.value = (e as Error).message
    } finally {
      loading.value = false
    }
  }

  async function create(input: { email: string; name: string; role: Role; password: string; salesRepId?: string | null }): Promise<User> {
    const user = await admin.createUser(input)
    users.value = [...users.value, user]
    return user
  }

  async function update(id: string, patch: UserPatch): Promise<User> {
    const user = await admin.updateUser(id, patch)
    users.value = users.value.map((u) => (u.id === id ? user : u))
    return user
  }

  return { users, loading, error, load, create, update }
}
