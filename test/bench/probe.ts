// Where the time of a command goes, per benchmark phase: the web's Temporal Update calls (client
// interceptor) and the worker's own latency histograms (Core SDK metrics, buffered in-process).
import { performance } from 'node:perf_hooks';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { MetricsBuffer } from '@temporalio/worker';

/** Core SDK histograms (milliseconds) the report shows, by the short name it shows them under. */
export const WORKER_HISTOGRAMS = {
  'wf task sched→start': 'temporal_workflow_task_schedule_to_start_latency',
  'wf task exec': 'temporal_workflow_task_execution_latency',
  'activity sched→start': 'temporal_activity_schedule_to_start_latency',
  'activity exec': 'temporal_activity_execution_latency',
} as const;
export type WorkerHistogram = keyof typeof WORKER_HISTOGRAMS;

export interface PhaseProbe {
  /** Duration of each Update RPC the web sent (UpdateWorkflowExecution / ExecuteMultiOperation). */
  update: number[];
  histograms: Record<WorkerHistogram, number[]>;
}

export class Probe {
  readonly metrics = new MetricsBuffer({ maxBufferSize: 200_000 });
  private current = 'setup';
  private readonly phases = new Map<string, PhaseProbe>();
  private readonly byMetricName = new Map<string, WorkerHistogram>(
    Object.entries(WORKER_HISTOGRAMS).map(([short, full]) => [full, short as WorkerHistogram]),
  );

  /** Everything recorded from now on belongs to `phase` (phases run one after another). */
  enter(phase: string): void {
    this.drain();
    this.current = phase;
  }

  /** Takes the worker's buffered metric updates into the current phase. */
  drain(): void {
    for (const u of this.metrics.retrieveUpdates()) {
      const short = this.byMetricName.get(u.metric.name);
      if (short) this.bucket().histograms[short].push(u.value);
    }
  }

  get(phase: string): PhaseProbe | undefined {
    return this.phases.get(phase);
  }

  clientInterceptor(): WorkflowClientInterceptor {
    const timed = async <T>(fn: () => Promise<T>): Promise<T> => {
      const bucket = this.bucket();
      const t0 = performance.now();
      try {
        return await fn();
      } finally {
        bucket.update.push(performance.now() - t0);
      }
    };
    return {
      startUpdate: (input, next) => timed(() => next(input)),
      startUpdateWithStart: (input, next) => timed(() => next(input)),
    };
  }

  private bucket(): PhaseProbe {
    let b = this.phases.get(this.current);
    if (!b) {
      b = { update: [], histograms: { 'wf task sched→start': [], 'wf task exec': [], 'activity sched→start': [], 'activity exec': [] } };
      this.phases.set(this.current, b);
    }
    return b;
  }
}
