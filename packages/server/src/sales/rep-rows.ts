import type { SalesRep } from '@kairos/sdk'

export interface RepRow {
  id: string
  name: string
  email: string | null
  phone: string | null
  wecom_id: string | null
  team: string | null
  available: boolean
}

export function toSalesRep(row: RepRow): SalesRep {
  return { id: row.id, name: row.name, email: row.email, phone: row.phone, wecomId: row.wecom_id, team: row.team, available: row.available }
}
