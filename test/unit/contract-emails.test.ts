// The learning contract's e-mails of the notification catalogue (§5; issue 12): N5/N6 the invitation to
// sign, N11 deregistered without a signed contract, N12 the participant's termination request (to the
// provider's signers), N13 the termination (to the participant). Each greets the person, names the
// contract's programme and group, and links to where the person acts.
import { describe, expect, it } from 'vitest';
import {
  contractInvitationEmail,
  contractTerminatedEmail,
  contractTerminationRequestedEmail,
  noContractEmail,
} from '../../workflows/domain/emails.ts';
import { TerminationGround } from '../../workflows/domain/learning-contract.ts';

const group = {
  firstName: 'Eglė',
  groupName: 'SR-2027-01',
  programmeName: 'Skaitmeninis raštingumas',
  institutionName: 'Demo mokymo centras',
  programmeStart: '2027-03-01',
};

const contract = {
  contractNumber: 'MS-00042',
  programmeName: 'Skaitmeninis raštingumas',
  groupName: 'SR-2027-01',
  institutionName: 'Demo mokymo centras',
};

describe('contractInvitationEmail (N5, N6: GRP-34, PART-12, CON-17)', () => {
  it('greets the participant, names the group and the deadline, and links to "Mano sutartys"', () => {
    const mail = contractInvitationEmail({ ...group, link: 'https://kursuok.example.lt/kursuok/sutartys' });
    expect(mail.subject).toBe('Kvietimas pasirašyti mokymosi sutartį');
    expect(mail.text).toMatch(/^Sveiki, Eglė,\n\n/);
    expect(mail.text).toContain('mokymosi programos „Skaitmeninis raštingumas“ grupė „SR-2027-01“ bus vykdoma');
    expect(mail.text).toContain('iki mokymų pradžios (2027-03-01)');
    expect(mail.text).toContain('skiltyje „Mano sutartys“:\nhttps://kursuok.example.lt/kursuok/sutartys\n');
  });
});

describe('noContractEmail (N11: CON-25)', () => {
  it('says why the registration was cancelled and links to KURSUOK to choose other training', () => {
    const mail = noContractEmail({ ...group, link: 'https://kursuok.example.lt/kursuok' });
    expect(mail.subject).toBe('Registracija į mokymus panaikinta: mokymosi sutartis nepasirašyta');
    expect(mail.text).toMatch(/^Sveiki, Eglė,\n\n/);
    expect(mail.text).toContain('mokymai prasidėjo 2027-03-01');
    expect(mail.text).toContain('pasirinkti kitus mokymus:\nhttps://kursuok.example.lt/kursuok\n');
  });
});

describe('contractTerminationRequestedEmail (N12: CON-7, PORTAL-7)', () => {
  const request = (reason: string | null) =>
    contractTerminationRequestedEmail({
      ...contract,
      firstName: 'Rūta',
      participantName: 'Ona Dalyvaitė',
      reason,
      link: 'https://kursuok.example.lt/sutartys/grupes/g-1',
    });

  it('greets the signer, names the participant, contract, programme, group and reason, and links to the group in "Institucijos sutartys"', () => {
    const mail = request('Pakeičiau darbo vietą.');
    expect(mail.subject).toBe('Prašymas nutraukti mokymosi sutartį: Ona Dalyvaitė');
    expect(mail.text).toMatch(/^Sveiki, Rūta,\n\n/);
    expect(mail.text).toContain('mokymo dalyvio Ona Dalyvaitė prašymas nutraukti mokymosi sutartį Nr. MS-00042');
    expect(mail.text).toContain('„Demo mokymo centras“ (mokymosi programa „Skaitmeninis raštingumas“, grupė „SR-2027-01“)');
    expect(mail.text).toContain('Prašymo priežastis: Pakeičiau darbo vietą.\n');
    expect(mail.text).toContain('„Institucijos sutartys“');
    expect(mail.text).toContain('„Nutraukti sutartį“:\nhttps://kursuok.example.lt/sutartys/grupes/g-1\n');
  });

  it('says so when the participant gave no reason', () => {
    expect(request(null).text).toContain('Prašymo priežastis: nenurodyta\n');
  });
});

describe('contractTerminatedEmail (N13: CON-12, CON-23)', () => {
  const terminated = (ground: TerminationGround, reason: string | null) =>
    contractTerminatedEmail({
      ...contract,
      firstName: 'Ona',
      terminatedOn: '2027-03-15',
      ground,
      reason,
      link: 'https://kursuok.example.lt/kursuok/sutartys/c-1',
    });

  it('greets the participant with the date, the ground in Lithuanian and the reason, and links to the contract', () => {
    const mail = terminated(TerminationGround.ParticipantNonFulfilment, 'Nelankė užsiėmimų.');
    expect(mail.subject).toBe('Mokymosi sutartis nutraukta');
    expect(mail.text).toMatch(/^Sveiki, Ona,\n\n/);
    expect(mail.text).toContain(
      'mokymo institucija „Demo mokymo centras“ 2027-03-15 nutraukė jūsų mokymosi sutartį Nr. MS-00042 (mokymosi programa „Skaitmeninis raštingumas“, grupė „SR-2027-01“)',
    );
    expect(mail.text).toContain('Nutraukimo pagrindas: Mokymo dalyvio įsipareigojimų nevykdymas.\n');
    expect(mail.text).toContain('Nutraukimo priežastis: Nelankė užsiėmimų.\n');
    expect(mail.text).toContain('„Mano sutartys“:\nhttps://kursuok.example.lt/kursuok/sutartys/c-1\n');
  });

  it.each([
    [TerminationGround.ParticipantRequest, 'Mokymo dalyvio prašymas nutraukti sutartį'],
    [TerminationGround.ProviderNonFulfilment, 'Mokymo teikėjo įsipareigojimų nevykdymas'],
  ])('names the ground %s as "%s" and leaves out a reason not given', (ground, label) => {
    const mail = terminated(ground, null);
    expect(mail.text).toContain(`Nutraukimo pagrindas: ${label}.\n`);
    expect(mail.text).not.toContain('Nutraukimo priežastis');
  });
});
