// The two ways a workflow keeps its handlers and timers from interleaving across an await (a check and
// the write it guards must see the same state). Neither adds a command to the history: replacing the
// copies that lived in each workflow replays every recorded history unchanged.
import { condition } from '@temporalio/workflow';

/** Each function runs after the previous one has settled, in the order they came (a promise chain). */
export function inOrder(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * One change at a time, its check re-run after every wait: of several commands released together only
 * the first goes on at once, and the others are checked against what it wrote. `afterEach` runs when a
 * change ends, however it ended (the operator details, for one).
 */
export class ChangeLock {
  private held = false;

  constructor(private readonly afterEach: () => void = () => undefined) {}

  /** Whether a change is running now. */
  get busy(): boolean {
    return this.held;
  }

  async run<T>(check: () => void, work: () => Promise<T>): Promise<T> {
    while (this.held) await condition(() => !this.held);
    check();
    this.held = true;
    try {
      return await work();
    } finally {
      this.held = false;
      this.afterEach();
    }
  }

  /** Resolves once no change is running. */
  idle(): Promise<void> {
    return condition(() => !this.held);
  }
}
