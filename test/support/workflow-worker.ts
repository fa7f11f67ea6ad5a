// A worker for workflow tests: the committed workflow bundle on the test's own task queue, with the
// test's (mocked) activities, and a client of the same Temporal server.
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { expect } from 'vitest';
import { TEST_TEMPORAL_ADDRESS, WORKFLOW_BUNDLE_PATH } from './env.ts';

export interface WorkflowTestWorker {
  client: Client;
  stop(): Promise<void>;
}

export async function startWorkflowTestWorker(
  taskQueue: string,
  activities: Record<string, (...args: never[]) => unknown>,
): Promise<WorkflowTestWorker> {
  const native = await NativeConnection.connect({ address: TEST_TEMPORAL_ADDRESS });
  const worker = await Worker.create({ connection: native, taskQueue, workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH }, activities });
  const running = worker.run();
  const connection = await Connection.connect({ address: TEST_TEMPORAL_ADDRESS });
  return {
    client: new Client({ connection }),
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      await native.close();
    },
  };
}

/** The ApplicationFailure an Update was refused with (fails the test when it was accepted). */
export async function updateRefusal(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return (err as WorkflowUpdateFailedError).cause as ApplicationFailure;
}
