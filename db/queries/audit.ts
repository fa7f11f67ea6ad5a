import type { DbOrTx } from '../client.ts';
import type { AuditRow, FieldChanges } from '../schema.ts';

export type { FieldChanges };

/** Who makes a change of master data: an institution user, or a head acting without one. */
export interface ChangeActor {
  userId: string | null;
  personalCodeHash: string;
  requestId: string;
}

export interface AuditEntry {
  /** An institution user, a person not (yet) acting as one (a head, an invitee), or the system. */
  actor:
    { kind: 'user'; userId: string; personalCodeHash?: string | null } | { kind: 'person'; personalCodeHash: string } | { kind: 'system' };
  institutionId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  changes: FieldChanges;
  requestId: string | null;
}

/** Writes one audit row (GEN-9); call it inside the transaction of the change it records. */
export async function writeAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_kind: entry.actor.kind === 'system' ? 'system' : 'user',
      actor_user_id: entry.actor.kind === 'user' ? entry.actor.userId : null,
      actor_personal_code_hash: entry.actor.kind === 'system' ? null : (entry.actor.personalCodeHash ?? null),
      institution_id: entry.institutionId,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      action: entry.action,
      // An object: postgres.js encodes it as jsonb (a JSON.stringify'd string would be stored as a jsonb string).
      changes: entry.changes,
      request_id: entry.requestId,
    })
    .execute();
}

/** The fields whose values differ between two snapshots (before is null for a new entity). */
export function diffFields(before: Record<string, unknown> | null, after: Record<string, unknown>): FieldChanges {
  const changes: FieldChanges = {};
  for (const [key, value] of Object.entries(after)) {
    const old = before ? before[key] : null;
    if (JSON.stringify(old) !== JSON.stringify(value)) changes[key] = { before: old ?? null, after: value };
  }
  return changes;
}

export async function auditTrail(db: DbOrTx, entityType: string, entityId: string): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();
}
