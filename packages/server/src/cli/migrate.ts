// `pnpm migrate`: brings DATABASE_URL's schema to the latest migration.
import { connectDb } from '../db/connect.ts'
import { migrate } from '../db/migrate.ts'

const url = process.env.DATABASE_URL
if (!url) {
  console.error('DATABASE_URL is required (pnpm start migrates its embedded database by itself)')
  process.exit(2)
}
const handle = connectDb(url)
try {
  const result = await migrate(handle.db, url)
  const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? []
  console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'schema is up to date')
} finally {
  await handle.close()
}
