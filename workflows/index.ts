// The workflow bundle's entry: every workflow type the worker runs. Type names are recorded in
// histories: never rename an export.
export { trainingGroupWorkflow } from './training-group/workflow.ts';
export { userInvitationWorkflow } from './user-invitation/workflow.ts';
export { smirRefreshWorkflow } from './registry-refresh/workflow.ts';
export { emailDeliveryWorkflow } from './email-delivery/workflow.ts';
export { documentReviewWorkflow } from './document-review/workflow.ts';
export { uztCouponWorkflow } from './uzt-coupon/workflow.ts';
export { uztSettlementWorkflow } from './uzt-settlement/workflow.ts';
export { emailOutboxRelayWorkflow } from './outbox-relay/workflow.ts';
export { documentReviewRelayWorkflow } from './document-review/relay.ts';
export { learningContractWorkflow } from './learning-contract/workflow.ts';
export { contractBatchSigningWorkflow } from './contract-batch-signing/workflow.ts';
export { completionBatchWorkflow } from './completion-batch/workflow.ts';
export { monitoringProtocolWorkflow } from './monitoring-protocol/workflow.ts';
export { certificateIssuanceWorkflow } from './certificate-issuance/workflow.ts';
export { invoiceWorkflow } from './invoice/workflow.ts';
export { reportExportWorkflow } from './report-export/workflow.ts';
