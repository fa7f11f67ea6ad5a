// Activities of the MonitoringProtocol workflow (L7): each change of the protocol is written as the
// next version of its row, in one transaction with its audit row and the e-mails it causes (N16 to
// the institution's administrators at the release, MON-8), delivered afterwards by deliverEmail.
// Every one is safe to retry: a second run finds its version written and returns the e-mails the
// first one queued.
import { ApplicationFailure } from '@temporalio/activity';
import type { Db, DbOrTx } from '../db/client.ts';
import { diffFields, writeAudit, type AuditEntry } from '../db/queries/audit.ts';
import { findActiveStaffMember } from '../db/queries/document-review.ts';
import {
  applyProtocolProjection,
  findProtocol,
  institutionAdministrators,
  lockProtocol,
  protocolEmailIds,
  type ProtocolProjection,
} from '../db/queries/monitoring-protocols.ts';
import { queueEmail } from '../db/queries/outbox.ts';
import {
  protocolAwaitingSignatureEmail,
  protocolSignatureReminderEmail,
  ProtocolStatus,
  type MonitoringResult,
  type ProviderChoice,
} from '../workflows/domain/monitoring-protocol.ts';
import type { EmailText } from '../workflows/domain/emails.ts';
import { ErrorCode } from '../workflows/errors.ts';
import type { Config } from '../worker/config.ts';

const ENTITY = 'monitoring_protocol';
export const ProtocolEmailKind = {
  /** N16 (MON-8). */
  AwaitingSignature: 'PROTOCOL_AWAITING_SIGNATURE',
  Reminder: 'PROTOCOL_SIGNATURE_REMINDER',
} as const;

export const ProtocolAction = {
  Saved: 'MONITORING_PROTOCOL_SAVED',
  Released: 'MONITORING_PROTOCOL_RELEASED',
  Signed: 'MONITORING_PROTOCOL_SIGNED',
} as const;
export type ProtocolAction = (typeof ProtocolAction)[keyof typeof ProtocolAction];

/** The row as the workflow sends it (instants as ISO 8601 strings). */
export interface ProtocolSnapshot {
  id: string;
  institutionId: string;
  programmeId: string;
  groupId: string;
  observerId: string;
  status: ProtocolStatus;
  monitoredOn: string;
  findings: string;
  result: MonitoringResult;
  criticalDeficiencies: boolean;
  releasedAt: string | null;
  reminderDueAt: string | null;
  remindedAt: string | null;
  providerChoice: ProviderChoice | null;
  providerObservations: string | null;
  signedByUserId: string | null;
  signedByName: string | null;
  signedAt: string | null;
  version: number;
}

export type ProtocolActor =
  { kind: 'observer'; observerId: string; personKey: string } | { kind: 'user'; userId: string; personalCodeHash: string };

const date = (iso: string | null) => (iso === null ? null : new Date(iso));

function rowOf(s: ProtocolSnapshot): ProtocolProjection {
  return {
    id: s.id,
    institution_id: s.institutionId,
    programme_id: s.programmeId,
    group_id: s.groupId,
    observer_id: s.observerId,
    status: s.status,
    monitored_on: s.monitoredOn,
    findings: s.findings,
    result: s.result,
    critical_deficiencies: s.criticalDeficiencies,
    released_at: date(s.releasedAt),
    reminder_due_at: date(s.reminderDueAt),
    reminded_at: date(s.remindedAt),
    provider_choice: s.providerChoice,
    provider_observations: s.providerObservations,
    signed_by_user_id: s.signedByUserId,
    signed_by_name: s.signedByName,
    signed_at: date(s.signedAt),
    version: s.version,
  };
}

/** The audited fields: what a reader of the trail needs (the text fields in full). */
function audited(r: ProtocolProjection | Omit<ProtocolProjection, never>): Record<string, unknown> {
  return {
    status: r.status,
    monitored_on: r.monitored_on,
    findings: r.findings,
    result: r.result,
    critical_deficiencies: r.critical_deficiencies,
    released_at: r.released_at?.toISOString() ?? null,
    provider_choice: r.provider_choice,
    provider_observations: r.provider_observations,
    signed_by_user_id: r.signed_by_user_id,
    signed_at: r.signed_at?.toISOString() ?? null,
  };
}

function wrongPerson(message: string): never {
  throw ApplicationFailure.nonRetryable(message, ErrorCode.WrongPerson);
}

export function createMonitoringProtocolActivities({ db, config }: { db: Db; config: Config }) {
  const providerLink = (id: string) => `${config.web.publicUrl}/kpmpc-protokolai/${id}`;

  /** One e-mail per active administrator of the protocol's institution (N16, MON-8). */
  async function toAdministrators(trx: DbOrTx, protocolId: string, kind: string, text: (firstName: string, facts: MailFacts) => EmailText) {
    const item = await findProtocol(trx, protocolId);
    if (!item) return [];
    const facts: MailFacts = {
      institutionName: item.institutionName,
      programme: `${item.programmeCode} ${item.programmeName}`,
      groupName: item.groupName,
      monitoredOn: item.protocol.monitored_on,
      link: providerLink(protocolId),
    };
    const ids: string[] = [];
    for (const admin of await institutionAdministrators(trx, item.protocol.institution_id)) {
      const t = text(admin.first_name, facts);
      ids.push(
        await queueEmail(trx, {
          to: { address: admin.email, name: `${admin.first_name} ${admin.last_name}` },
          subject: t.subject,
          text: t.text,
          kind,
          entityType: ENTITY,
          entityId: protocolId,
          institutionId: item.protocol.institution_id,
        }),
      );
    }
    return ids;
  }

  return {
    /**
     * M1, M2/M3/M5, M4: writes the protocol's next version with its audit row; at a release without
     * critical deficiencies also queues N16 to the administrators. Returns the queued outbox ids.
     */
    async projectMonitoringProtocol(a: {
      snapshot: ProtocolSnapshot;
      action: ProtocolAction;
      actor: ProtocolActor;
      requestId: string | null;
    }): Promise<{ outboxIds: string[] }> {
      return db.transaction().execute(async (trx) => {
        let auditActor: AuditEntry['actor'];
        if (a.actor.kind === 'observer') {
          const observer = await findActiveStaffMember(trx, { id: a.actor.observerId, role: 'STEBETOJAS' });
          if (!observer) wrongPerson('Prisijungęs asmuo nėra aktyvus KPMPC stebėtojas.');
          auditActor = { kind: 'person', personalCodeHash: observer.person_key };
        } else {
          const user = await trx
            .selectFrom('institution_users')
            .select('id')
            .where('id', '=', a.actor.userId)
            .where('institution_id', '=', a.snapshot.institutionId)
            .where('status', '=', 'ACTIVE')
            .executeTakeFirst();
          if (!user) wrongPerson('Pasirašyti gali tik aktyvus institucijos naudotojas.');
          auditActor = { kind: 'user', userId: a.actor.userId, personalCodeHash: a.actor.personalCodeHash };
        }
        const row = rowOf(a.snapshot);
        const before = await applyProtocolProjection(trx, row);
        const notifies = a.action === ProtocolAction.Released && row.status === ProtocolStatus.AwaitingSignature;
        if (before === 'stale') {
          // A retry after the commit: the e-mails are there already.
          return { outboxIds: notifies ? await protocolEmailIds(trx, row.id, ProtocolEmailKind.AwaitingSignature) : [] };
        }
        await writeAudit(trx, {
          actor: auditActor,
          institutionId: row.institution_id,
          entityType: ENTITY,
          entityId: row.id,
          action: a.action,
          changes: diffFields(before ? audited(before) : null, audited(row)),
          requestId: a.requestId,
        });
        if (!notifies) return { outboxIds: [] };
        return {
          outboxIds: await toAdministrators(trx, row.id, ProtocolEmailKind.AwaitingSignature, (firstName, facts) =>
            protocolAwaitingSignatureEmail({ ...facts, firstName }),
          ),
        };
      });
    },

    /** MON-8: the reminder when the protocol is still unsigned; nothing when signed meanwhile or already reminded. */
    async queueProtocolSignatureReminder(a: { protocolId: string; at: string }): Promise<string[]> {
      return db.transaction().execute(async (trx) => {
        const p = await lockProtocol(trx, a.protocolId);
        if (!p) throw ApplicationFailure.nonRetryable(`Protokolas ${a.protocolId} nerastas.`, ErrorCode.NotFound);
        if (p.status !== ProtocolStatus.AwaitingSignature) return [];
        if (p.reminded_at) return protocolEmailIds(trx, p.id, ProtocolEmailKind.Reminder);
        await trx
          .updateTable('monitoring_protocols')
          .set({ reminded_at: new Date(a.at) })
          .where('id', '=', p.id)
          .execute();
        await writeAudit(trx, {
          actor: { kind: 'system' },
          institutionId: p.institution_id,
          entityType: ENTITY,
          entityId: p.id,
          action: 'MONITORING_PROTOCOL_REMINDER',
          changes: { reminded_at: { before: null, after: a.at } },
          requestId: null,
        });
        return toAdministrators(trx, p.id, ProtocolEmailKind.Reminder, (firstName, facts) =>
          protocolSignatureReminderEmail({ ...facts, firstName }),
        );
      });
    },
  };
}

interface MailFacts {
  institutionName: string;
  programme: string;
  groupName: string;
  monitoredOn: string;
  link: string;
}

export type MonitoringProtocolActivities = ReturnType<typeof createMonitoringProtocolActivities>;
