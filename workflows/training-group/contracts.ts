// The group's side of the learning contracts (L5, CON-1, GRP-34, PART-12, UZT-17): whoever a change
// of the group invites to sign (everyone approved at "Vykdoma", a later approval, a UŽT participant
// once UŽT approved the coupon) gets a LearningContract:<registrationId> workflow, started by the
// group as its child in bounded waves, outside the group's lock. The list of those still to start is
// in the group's state, so a worker that dies in between starts them after its restart.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { condition, getExternalWorkflowHandle, log, ParentClosePolicy, startChild } from '@temporalio/workflow';
import { addDays } from '../domain/calendar.ts';
import { vilniusStartOfDay } from '../domain/group-deadlines.ts';
import { learningContractWorkflowId } from '../ids.ts';
import { groupEndedSignal } from '../learning-contract/messages.ts';
import type { learningContractWorkflow } from '../learning-contract/workflow.ts';
import { InstitutionIdKey } from '../search-attributes.ts';
import type { TrainingGroupInput, TrainingGroupState } from './messages.ts';

/** Contracts started at once (each a child workflow start): bounded for large groups. */
const CONTRACT_WAVE = 50;
/** A contract in force takes terminations until this many days after the programme's end. */
const OPEN_DAYS_AFTER_END = 90;

export class GroupContracts {
  private starting = false;

  /** `pending` and `started` are the group state's lists (carried over by continue-as-new). */
  constructor(
    private readonly group: TrainingGroupInput,
    private readonly state: TrainingGroupState,
    private readonly pending: string[],
    private readonly started: string[],
  ) {}

  queue(ids: readonly string[]): void {
    for (const id of ids) if (!this.pending.includes(id) && !this.started.includes(id)) this.pending.push(id);
  }

  /** The registrations whose contract workflow owns their deregistration at the start (CON-25). */
  get owned(): readonly string[] {
    return [...this.started, ...this.pending];
  }

  get settled(): boolean {
    return this.pending.length === 0 && !this.starting;
  }

  get description(): string | null {
    return this.pending.length === 0 ? null : `Pradedamos mokymosi sutartys: ${this.pending.length}`;
  }

  /** Runs for the workflow's life. */
  async run(): Promise<never> {
    for (;;) {
      await condition(() => this.pending.length > 0);
      this.starting = true;
      const wave = this.pending.slice(0, CONTRACT_WAVE);
      await Promise.all(wave.map((id) => this.start(id)));
      this.pending.splice(0, wave.length);
      this.started.push(...wave);
      this.starting = false;
    }
  }

  private async start(registrationId: string): Promise<void> {
    const info = this.state.info!;
    const signingDeadline = this.state.deadlines!.programmeStartsAt;
    try {
      await startChild<typeof learningContractWorkflow>('learningContractWorkflow', {
        workflowId: learningContractWorkflowId(registrationId),
        args: [
          {
            contractId: registrationId,
            groupId: this.group.groupId,
            institutionId: this.group.institutionId,
            programmeId: this.group.programmeId,
            signingDeadline,
            openUntil: vilniusStartOfDay(addDays(info.programmeEnd, OPEN_DAYS_AFTER_END)).toISOString(),
          },
        ],
        // The contract outlives a group that continues as new or ends; it signals the group by its ID.
        parentClosePolicy: ParentClosePolicy.ABANDON,
        typedSearchAttributes: [{ key: InstitutionIdKey, value: this.group.institutionId }],
        memo: { groupId: this.group.groupId },
        staticSummary: `Mokymosi sutartis: grupė „${info.name}“`,
        staticDetails: `Programa ${this.group.programmeCode} ${this.group.programmeName}; grupė TrainingGroup:${this.group.groupId}; registracija ${registrationId}`,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  /**
   * The group ended: "Nevykdoma" (contracts still unsigned are void at once; their participants were told
   * by the group) or "Užbaigta" (contracts in force take no more completion marks; issue 13, G9).
   */
  async endAll(): Promise<void> {
    await Promise.all(
      this.started.map((id) =>
        getExternalWorkflowHandle(learningContractWorkflowId(id))
          .signal(groupEndedSignal)
          .catch((err: unknown) => log.warn('contract not told the group ended', { id, error: String(err) })),
      ),
    );
  }
}
