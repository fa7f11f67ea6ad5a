// A business refusal of the group workflow: an ApplicationFailure with a code from workflows/errors.ts,
// never retried, which web maps to a Lithuanian message (a plain Error would retry the task forever).
import { ApplicationFailure } from '@temporalio/workflow';
import type { ErrorCode } from '../errors.ts';

export function fail(type: ErrorCode, message: string, details?: unknown): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: details === undefined ? [] : [details] });
}
