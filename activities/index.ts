// Every activity the worker registers, built from its dependencies.
import type { Db } from '../db/client.ts';
import { loadConfig, type Config } from '../worker/config.ts';
import { createCertificateActivities } from './certificates.ts';
import { createCompletionBatchActivities } from './completion-batch.ts';
import { createContractBatchSigningActivities } from './contract-batch-signing.ts';
import { createDocumentReviewActivities } from './document-review.ts';
import { createGroupCompletionActivities } from './group-completion.ts';
import { createInvitationActivities } from './invitations.ts';
import { createInvoiceActivities } from './invoice.ts';
import { createLearningContractActivities } from './learning-contract.ts';
import { createMailActivities } from './mail.ts';
import { createMonitoringProtocolActivities } from './monitoring-protocol.ts';
import { createPaymentActivities } from './payments.ts';
import { createReportExportActivities } from './report-export.ts';
import { registryClientsFromConfig, type RegistryClients } from './registries/index.ts';
import { createSmirRefreshActivities } from './registries/refresh.ts';
import { createTrainingGroupActivities } from './training-group.ts';
import { createUztCouponActivities } from './uzt-coupon.ts';
import { createUztSettlementActivities } from './uzt-settlement.ts';

export interface ActivityDeps {
  db: Db;
  /** Links, secrets, the SMTP server; when not given, the environment's (loadConfig()). */
  config?: Config;
  /** The state registries' clients; when not given, built from the configuration. */
  registries?: RegistryClients;
}

export function createActivities(deps: ActivityDeps) {
  const config = deps.config ?? loadConfig();
  return {
    ...createTrainingGroupActivities({ db: deps.db, config }),
    ...createGroupCompletionActivities({ db: deps.db, config }),
    ...createMailActivities({ db: deps.db, mail: config.mail }),
    ...createInvitationActivities({ db: deps.db, config }),
    ...createLearningContractActivities({ db: deps.db, config, students: (deps.registries ?? registryClientsFromConfig(config)).students }),
    ...createContractBatchSigningActivities({ db: deps.db, config }),
    ...createCompletionBatchActivities({ db: deps.db }),
    // Issue 15: report exports made in the background (ReportExport:<id>).
    ...createReportExportActivities({ db: deps.db }),
    ...createCertificateActivities({ db: deps.db, config }),
    ...createDocumentReviewActivities({ db: deps.db, config }),
    ...createMonitoringProtocolActivities({ db: deps.db, config }),
    ...createInvoiceActivities({ db: deps.db, config }),
    ...smirRefresh(deps, config),
    ...createUztCouponActivities({
      db: deps.db,
      uzt: (deps.registries ?? registryClientsFromConfig(config)).uzt,
      personalCodePepper: config.secrets.personalCodePepper,
    }),
    ...createUztSettlementActivities({ db: deps.db, uzt: (deps.registries ?? registryClientsFromConfig(config)).uzt }),
    // Issue 14: the invoice's payment order with the funder's payment system (I8 → I9).
    ...createPaymentActivities({
      db: deps.db,
      payments: (deps.registries ?? registryClientsFromConfig(config)).payments,
      pollMs: config.paymentPollMs,
    }),
  };
}

/** The ŠMIR refresh with the NŠPR programme copy (PROG-2) riding along. */
function smirRefresh(deps: ActivityDeps, config: Config) {
  const registries = deps.registries ?? registryClientsFromConfig(config);
  return createSmirRefreshActivities({ db: deps.db, smir: registries.smir, nspr: registries.nspr });
}
