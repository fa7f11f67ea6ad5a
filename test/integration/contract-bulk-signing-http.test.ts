// Bulk signing in "Institucijos sutartys" (manual §3.12; CON-5, CON-20) through HTTP with the real
// workflows (ContractBatchSigning and LearningContract), Postgres and the signing gateway simulator:
// the provider's signer ticks contracts, ONE session at the gateway holds the three awaiting ones,
// one confirmation signs them all (each file then carries a signature pdfsig verifies), the row that
// did not await the provider says why; a replayed POST opens no second session; another
// institution's contract ids and batch are 404; a user without "Sutarčių pasirašymas" is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractBatchSigningWorkflowId } from '../../workflows/ids.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import {
  contractParticipant,
  contractUser,
  gatewaySessionId,
  groupWithContracts,
  signThroughPages,
  terminateContracts,
} from '../support/contracts.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { appCaller, type FormBody } from '../support/http.ts';
import { uniquePersonalCode } from '../support/participants.ts';
import { pdfsig } from '../support/pdfsig.ts';
import type { TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { eventually } from '../support/wait.ts';

const SIGNER_CODE = uniquePersonalCode();

let stack: TestStack;
let call: ReturnType<typeof appCaller>;
let fx: InstitutionFixture;
let other: InstitutionFixture;
let signer: TestSession;
let employee: TestSession;
let otherSigner: TestSession;
let groupId: string;
let otherGroupId: string;
/** Three contracts awaiting the provider, and one whose provider side is signed already. */
let awaiting: string[];
let alreadySigned: string;
let otherContract: string;
const batches: string[] = [];
const moreContracts: string[] = [];

const hash = (code: string) => hashPersonalCode(stack.config.secrets.personalCodePepper, code);

const bulkForm = (key: string, ids: string[], party: 'provider' | 'employer' = 'provider'): FormBody => ({
  idempotencyKey: key,
  party,
  contractIds: ids,
});

const contractRow = (id: string) => stack.db.selectFrom('learning_contracts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  stack = await startStack('contract-bulk-signing-http', { simulators: true });
  call = appCaller(stack.app);
  fx = await createInstitution(stack.db, 'Paketinio pasirašymo institucija');
  other = await createInstitution(stack.db, 'Kita institucija');
  signer = await contractUser(stack.db, fx, ['SUTARCIU_PASIRASYMAS'], ['Jonas', 'Pasirašantis'], { personalCodeHash: hash(SIGNER_CODE) });
  employee = await contractUser(stack.db, fx, ['DARBUOTOJAS'], ['Eglė', 'Darbuotoja']);
  otherSigner = await contractUser(stack.db, other, ['SUTARCIU_PASIRASYMAS'], ['Kitas', 'Kitaitis']);

  const people = await Promise.all(['Ona', 'Rita', 'Asta', 'Daiva'].map((name) => contractParticipant(stack.db, name)));
  const created = await groupWithContracts(stack, fx, people);
  groupId = created.groupId;
  awaiting = created.registrationIds.slice(0, 3);
  alreadySigned = created.registrationIds[3]!;
  const others = await groupWithContracts(stack, other, [await contractParticipant(stack.db, 'Svetima')]);
  otherGroupId = others.groupId;
  otherContract = others.registrationIds[0]!;

  // Daiva's contract: the provider's side signed singly (CON-4) before the bulk signing.
  const back = await signThroughPages(stack, alreadySigned, signer, 'provider', SIGNER_CODE);
  expect(back.status).toBe(303);
  await eventually(
    () => contractRow(alreadySigned),
    (r) => r.provider_status === 'PASIRASYTA',
  );
}, 180_000);

afterAll(async () => {
  await terminateContracts(stack, [...(awaiting ?? []), alreadySigned, otherContract, ...moreContracts]);
  for (const id of batches)
    await stack.client.workflow
      .getHandle(contractBatchSigningWorkflowId(id))
      .terminate('test done')
      .catch(() => undefined);
  await stack?.stop();
});

describe('„Pasirašyti pažymėtas“ (CON-5, CON-20)', () => {
  it('the page has a box per row, the button, and „Pažymėti visas“ ticks only those awaiting the provider', async () => {
    const page = await (await call(`/sutartys/grupes/${groupId}`, { as: signer })).text();
    expect(page).toContain('>Pasirašyti pažymėtas</button>');
    for (const id of [...awaiting, alreadySigned])
      expect(page).toMatch(
        new RegExp(`<tr id="sutartis-${id}"><td><input type="checkbox" name="contractIds" value="${id}" form="pazymetos-sutartys"`),
      );
    expect(page).not.toMatch(/type="checkbox"[^>]*checked/);
    const all = await (await call(`/sutartys/grupes/${groupId}?pazymeti=laukiancias`, { as: signer })).text();
    for (const id of awaiting) expect(all).toMatch(new RegExp(`value="${id}" form="pazymetos-sutartys" checked`));
    expect(all).not.toMatch(new RegExp(`value="${alreadySigned}" form="pazymetos-sutartys" checked`));
    // An employee has neither the boxes nor the button, and a POST is refused (CON-15).
    const plain = await (await call(`/sutartys/grupes/${groupId}`, { as: employee })).text();
    expect(plain).not.toContain('Pasirašyti pažymėtas');
    expect(plain).not.toContain('type="checkbox"');
    const refused = await call(`/sutartys/grupes/${groupId}/pasirasyti`, { as: employee, body: bulkForm(crypto.randomUUID(), awaiting) });
    expect(refused.status).toBe(403);
    // Nothing ticked: 422 with the reason.
    const none = await call(`/sutartys/grupes/${groupId}/pasirasyti`, { as: signer, body: bulkForm(crypto.randomUUID(), []) });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('Pažymėkite bent vieną sutartį.');
  });

  it('another institution’s contract ids or group: 404, no session, nothing written (GEN-5)', async () => {
    const sessions = stack.signing!.sessionCount();
    const key = crypto.randomUUID();
    const mixed = await call(`/sutartys/grupes/${groupId}/pasirasyti`, { as: signer, body: bulkForm(key, [awaiting[0]!, otherContract]) });
    expect(mixed.status).toBe(404);
    const theirs = await call(`/sutartys/grupes/${otherGroupId}/pasirasyti`, {
      as: signer,
      body: bulkForm(crypto.randomUUID(), [otherContract]),
    });
    expect(theirs.status).toBe(404);
    const intoOurs = await call(`/sutartys/grupes/${groupId}/pasirasyti`, {
      as: otherSigner,
      body: bulkForm(crypto.randomUUID(), awaiting),
    });
    expect(intoOurs.status).toBe(404);
    expect(stack.signing!.sessionCount()).toBe(sessions);
    expect(await stack.db.selectFrom('contract_signing_batches').select('id').where('id', '=', key).executeTakeFirst()).toBeUndefined();
    expect((await contractRow(otherContract)).provider_status).toBe('LAUKIA_PARASO');
  });

  it('tick four: one session with the three awaiting, one confirmation, all three signed (pdfsig valid); the fourth says why; a replay opens nothing new', async () => {
    const sessions = stack.signing!.sessionCount();
    const key = crypto.randomUUID();
    batches.push(key);
    const ticked = [...awaiting, alreadySigned];
    const start = await call(`/sutartys/grupes/${groupId}/pasirasyti`, { as: signer, body: bulkForm(key, ticked) });
    expect(start.status).toBe(303);
    const signUrl = start.headers.get('Location')!;
    const sessionId = gatewaySessionId(signUrl);
    expect(stack.signing!.sessionCount()).toBe(sessions + 1);

    // The same POST again (double click, back and resubmit): the same session, no second one.
    const replay = await call(`/sutartys/grupes/${groupId}/pasirasyti`, { as: signer, body: bulkForm(key, ticked) });
    expect(replay.status).toBe(303);
    expect(replay.headers.get('Location')).toBe(signUrl);
    expect(stack.signing!.sessionCount()).toBe(sessions + 1);

    // Before the confirmation the result page waits and polls; the refused row already says why.
    const waiting = await (await call(`/sutartys/pasirasymai/${key}`, { as: signer })).text();
    expect(waiting).toContain('Laukiama, kol pasirašymą patvirtinsite elektroninio parašo sistemoje.');
    expect(waiting).toContain('hx-trigger="every 1s"');
    expect(waiting).toMatch(
      new RegExp(`<tr id="paketo-sutartis-${alreadySigned}" data-outcome="NEPASIRASYTA">[\\s\\S]*?Nepasirašyta: Sutartį jau pasirašėte.`),
    );

    // One confirmation at the gateway signs the three documents of the session.
    expect((await stack.signing!.signAs(sessionId, SIGNER_CODE)).status).toBe('signed');
    const back = await call(`/sutartys/pasirasymai/${key}/atgal?session=${sessionId}&status=signed`, { as: signer });
    expect(back.status).toBe(303);
    expect(back.headers.get('Location')).toBe(`/sutartys/pasirasymai/${key}`);

    // The polled fragment (htmx) until every row has its outcome; then it stops polling.
    const fragment = await eventually(
      async () => (await call(`/sutartys/pasirasymai/${key}`, { as: signer, htmx: true })).text(),
      (body) => !body.includes('hx-trigger'),
      60_000,
    );
    expect(fragment.startsWith('<section id="paketo-rezultatai"')).toBe(true);
    expect(fragment).toContain('Pasirašyta sutarčių: 3 iš 4.');
    for (const id of awaiting) expect(fragment).toMatch(new RegExp(`<tr id="paketo-sutartis-${id}" data-outcome="PASIRASYTA">`));
    expect(fragment).toContain('Nepasirašyta: Sutartį jau pasirašėte.');

    for (const id of awaiting) {
      const row = await contractRow(id);
      expect(row.provider_status).toBe('PASIRASYTA');
      expect(row.provider_signer_authority).toBe('Direktoriaus 2024-01-15 įsakymas Nr. V-12');
      // The file: the contract with one signature (the provider's), valid and by a trusted CA.
      const file = await call(`/sutartys/${id}/dokumentas`, { as: signer });
      expect(file.status).toBe(200);
      const signatures = await pdfsig(new Uint8Array(await file.arrayBuffer()), [stack.signing!.caCertificatePem]);
      expect(signatures).toHaveLength(1);
      expect(signatures[0]).toMatchObject({ signatureValidation: 'Signature is Valid.', certificateValidation: 'Certificate is Trusted.' });
      expect(signatures[0]!.totalDocumentSigned).toBe(true);
    }
    // The one already signed kept its single signature.
    expect((await contractRow(alreadySigned)).provider_status).toBe('PASIRASYTA');
    const kept = await call(`/sutartys/${alreadySigned}/dokumentas`, { as: signer });
    expect(await pdfsig(new Uint8Array(await kept.arrayBuffer()), [stack.signing!.caCertificatePem])).toHaveLength(1);

    // The group page now shows them signed; the return opened again and a replayed POST change nothing.
    const again = await call(`/sutartys/pasirasymai/${key}/atgal?session=${sessionId}&status=signed`, { as: signer });
    expect(again.headers.get('Location')).toBe(`/sutartys/pasirasymai/${key}`);
    const late = await call(`/sutartys/grupes/${groupId}/pasirasyti`, { as: signer, body: bulkForm(key, ticked) });
    expect(late.headers.get('Location')).toBe(`/sutartys/pasirasymai/${key}`);
    expect(stack.signing!.sessionCount()).toBe(sessions + 1);

    // Another institution sees nothing of the batch.
    expect((await call(`/sutartys/pasirasymai/${key}`, { as: otherSigner })).status).toBe(404);
    expect((await call(`/sutartys/pasirasymai/${key}/atgal?session=${sessionId}&status=signed`, { as: otherSigner })).status).toBe(404);
  });

  it(
    'an employer’s representative bulk-signs the employer’s side of their own trilateral contracts (USERS-32, CON-22)',
    { timeout: 120_000 },
    async () => {
      const employer = await stack.db
        .insertInto('employers')
        .values({ institution_id: fx.institutionId, name: 'UAB Meistrai', code: '302000555', active: true })
        .returning('id')
        .executeTakeFirstOrThrow();
      const people = await Promise.all(['Gintarė', 'Vaida'].map((name) => contractParticipant(stack.db, name)));
      const created = await groupWithContracts(stack, fx, people, { employerId: employer.id });
      moreContracts.push(...created.registrationIds);
      const code = uniquePersonalCode();
      const representative = await contractUser(stack.db, fx, ['DARBDAVIO_ATSTOVAS'], ['Darius', 'Atstovas'], {
        personalCodeHash: hash(code),
        employerId: employer.id,
      });

      const page = await (await call(`/sutartys/grupes/${created.groupId}`, { as: representative })).text();
      expect(page).toContain('>Pasirašyti pažymėtas darbdavio vardu</button>');
      expect(page).not.toContain('>Pasirašyti pažymėtas</button>');
      // Not the provider's signer: the provider's side is refused.
      const asProvider = await call(`/sutartys/grupes/${created.groupId}/pasirasyti`, {
        as: representative,
        body: bulkForm(crypto.randomUUID(), created.registrationIds),
      });
      expect(asProvider.status).toBe(403);

      const key = crypto.randomUUID();
      batches.push(key);
      const start = await call(`/sutartys/grupes/${created.groupId}/pasirasyti`, {
        as: representative,
        body: bulkForm(key, created.registrationIds, 'employer'),
      });
      expect(start.status).toBe(303);
      const sessionId = gatewaySessionId(start.headers.get('Location')!);
      expect((await stack.signing!.signAs(sessionId, code)).status).toBe('signed');
      expect((await call(`/sutartys/pasirasymai/${key}/atgal?session=${sessionId}&status=signed`, { as: representative })).status).toBe(
        303,
      );
      for (const id of created.registrationIds) {
        const row = await eventually(
          () => contractRow(id),
          (r) => r.employer_status === 'PASIRASYTA',
          60_000,
        );
        expect(row.provider_status).toBe('LAUKIA_PARASO');
        expect(row.phase).toBe('PASIRASOMA');
      }
      const result = await eventually(
        async () => (await call(`/sutartys/pasirasymai/${key}`, { as: representative, htmx: true })).text(),
        (body) => !body.includes('hx-trigger'),
        30_000,
      );
      expect(result).toContain('Pasirašyta sutarčių: 2 iš 2.');
    },
  );
});
