/** SQLSTATEs that mean "this transaction lost a race; run it again": deadlock and serialization failure. */
const TRANSIENT = new Set(['40P01', '40001'])

/**
 * Runs a whole transaction again (up to `attempts` times) when Postgres
 * aborts it as a deadlock victim or a serialization failure. Safe only for
 * work that is entirely inside the transaction, so a rolled-back attempt left nothing behind.
 */
export async function retryTransient<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work()
    } catch (error) {
      const code = (error as { code?: string }).code
      if (attempt >= attempts || !code || !TRANSIENT.has(code)) throw error
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10))
    }
  }
}
