// Every activity the worker registers, built from its dependencies.
import type { Db } from '../db/client.ts';
import { createTrainingGroupActivities } from './training-group.ts';

export interface ActivityDeps {
  db: Db;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createTrainingGroupActivities(deps),
  };
}
