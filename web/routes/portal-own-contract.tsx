// What the portal's contract pages share ("Mano sutartys", "Vertinimo anketa"): the participant's own
// contract named in the URL (any other id is not found) and the portal's plain refusals.
import type { Context } from 'hono';
import { findOwnContract, type OwnContract } from '../../db/queries/portal-contracts.ts';
import type { Participant } from '../../db/tables/participants.ts';
import type { AppEnv } from '../context.ts';
import { isUuid } from '../forms.ts';
import { PortalMessage, portalHtml } from '../views/portal-layout.tsx';
import { currentParticipant } from './portal-auth.tsx';

type C = Context<AppEnv>;

function message(c: C, title: string, text: string, status: 400 | 404) {
  return portalHtml(c, <PortalMessage title={title} message={text} person={c.get('personSession')} />, status);
}

export const portalNotFound = (c: C) => message(c, 'Nerasta', 'Puslapis nerastas arba neturite teisės jo matyti.', 404);
export const portalBadRequest = (c: C) =>
  message(c, 'Neteisinga užklausa', 'Užklausa neteisinga: atnaujinkite puslapį ir bandykite dar kartą.', 400);

/** The participant and her contract of the URL (`:contractId`); undefined when either is missing or the contract is not hers. */
export async function ownContract(c: C): Promise<{ participant: Participant; contract: OwnContract } | undefined> {
  const participant = await currentParticipant(c);
  const id = c.req.param('contractId');
  if (!participant || !id || !isUuid(id)) return undefined;
  const contract = await findOwnContract(c.get('deps').db, participant.id, id);
  return contract ? { participant, contract } : undefined;
}

/** Her contract as it stands now (after a command), or as it was if it is gone meanwhile. */
export async function rereadOwnContract(c: C, participant: Participant, contract: OwnContract): Promise<OwnContract> {
  return (await findOwnContract(c.get('deps').db, participant.id, contract.id)) ?? contract;
}
