import { defineConfig } from 'vitest/config';
import { isDriverSetupRace } from './db/client.ts';

// Four layers (ARCHITECTURE.md "Tests"). Temporal workers misbehave under the threads pool: forks.
export default defineConfig({
  test: {
    pool: 'forks',
    // The outage tests cut Postgres under a client: postgres.js's own unhandled set-up query may then
    // reject (db/client.ts isDriverSetupRace); that driver flaw is not a failure of ours.
    onUnhandledError: (error) => !isDriverSetupRace(error),
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'] } },
      { extends: true, test: { name: 'workflows', include: ['test/workflows/**/*.test.{ts,tsx}'] } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.{ts,tsx}'], testTimeout: 60_000 } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.{ts,tsx}'], testTimeout: 90_000 } },
    ],
  },
});
