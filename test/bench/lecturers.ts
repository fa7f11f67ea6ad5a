// A lecturer with the PDF documents its requirements ask for, written straight to Postgres: the
// fixture of the master-data benchmark (500 of them) and of the groups benchmark (the lecturer edit
// beside the group commands).
import { readFileSync } from 'node:fs';
import type { Db } from '../../db/client.ts';
import { FilePurpose, storeFile } from '../../db/queries/files.ts';
import { createLecturer } from '../../db/queries/lecturers.ts';
import { ROOT } from '../support/env.ts';
import type { InstitutionFixture } from '../support/fixtures.ts';

/** The document every bench lecturer's requirements are proved with. */
export const LECTURER_DOCUMENT = readFileSync(`${ROOT}test/fixtures/files/diplomas.pdf`);

export interface BenchLecturerValue {
  firstName: string;
  lastName: string;
  email: string;
  phone?: string | null;
  description?: string | null;
  active?: boolean;
  publishConsent?: boolean;
  /** Also the requirement "PATIRTIS" (a second document) beside "KVALIFIKACIJA". */
  withExperience?: boolean;
}

/** Stores the lecturer's documents (named after `index`), then the lecturer; returns their IDs. */
export async function createBenchLecturer(
  db: Db,
  fx: InstitutionFixture,
  index: number,
  value: BenchLecturerValue,
): Promise<{ id: string; documentIds: string[] }> {
  const actor = { userId: fx.userId, personalCodeHash: fx.personalCodeHash, requestId: 'bench-setup' };
  const upload = () =>
    storeFile(db, {
      institutionId: fx.institutionId,
      purpose: FilePurpose.LecturerEvidence,
      bytes: LECTURER_DOCUMENT,
      contentType: 'application/pdf',
      originalName: `diplomas-${index + 1}.pdf`,
      downloadName: `diplomas-${index + 1}.pdf`,
      uploader: actor,
    });
  const first = await upload();
  const second = value.withExperience ? await upload() : undefined;
  const created = await createLecturer(db, {
    institutionId: fx.institutionId,
    idempotencyKey: crypto.randomUUID(),
    actor,
    value: {
      firstName: value.firstName,
      lastName: value.lastName,
      email: value.email,
      phone: value.phone ?? null,
      description: value.description ?? null,
      active: value.active ?? true,
      requirements: second ? ['KVALIFIKACIJA', 'PATIRTIS'] : ['KVALIFIKACIJA'],
      documents: second ? { KVALIFIKACIJA: first.id, PATIRTIS: second.id } : { KVALIFIKACIJA: first.id },
      publishConsent: value.publishConsent ?? true,
    },
  });
  return { id: created.id, documentIds: second ? [first.id, second.id] : [first.id] };
}
