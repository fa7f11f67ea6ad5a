// Workflow IDs are readable in the Temporal UI: <Lifecycle>:<entity id>.
const TRAINING_GROUP = 'TrainingGroup:';

export function trainingGroupWorkflowId(groupId: string): string {
  return TRAINING_GROUP + groupId;
}

const USER_INVITATION = 'UserInvitation:';

export function userInvitationWorkflowId(invitationId: string): string {
  return USER_INVITATION + invitationId;
}

const SMIR_REFRESH = 'SmirRefresh:';

/**
 * A ŠMIR refresh run: SmirRefresh:<label>, the label being the Vilnius date of an on-demand run
 * (e.g. SmirRefresh:2026-11-28). The daily schedule's runs are SmirRefresh:daily-<scheduled time>
 * (Temporal appends the time to the schedule's workflow ID).
 */
export function smirRefreshWorkflowId(label: string): string {
  return SMIR_REFRESH + label;
}

/** The workflow ID the daily schedule starts (Temporal appends "-<scheduled time>"). */
export const SMIR_REFRESH_SCHEDULED_WORKFLOW_ID = smirRefreshWorkflowId('daily');

const EMAIL_DELIVERY = 'EmailDelivery:';

/** Delivery of the e-mails one web change queued, e.g. EmailDelivery:schedule-<form key>. */
export function emailDeliveryWorkflowId(label: string): string {
  return EMAIL_DELIVERY + label;
}

/** The outbox relay's runs: the schedule appends "-<scheduled time>" to EmailOutboxRelay. */
export const OUTBOX_RELAY_WORKFLOW_ID = 'EmailOutboxRelay';

const DOCUMENT_REVIEW = 'DocumentReview:';

/** The review of one uploaded participant document (L3): DocumentReview:<document id>. */
export function documentReviewWorkflowId(documentId: string): string {
  return DOCUMENT_REVIEW + documentId;
}

const UZT_COUPON = 'UztCoupon:';

/** The UŽT coupon lifecycle (L4) of one registration: UztCoupon:<registrationId>. */
export function uztCouponWorkflowId(registrationId: string): string {
  return UZT_COUPON + registrationId;
}

const LEARNING_CONTRACT = 'LearningContract:';

/** One participant's learning contract (L5): LearningContract:<registration id>. */
export function learningContractWorkflowId(registrationId: string): string {
  return LEARNING_CONTRACT + registrationId;
}

const COMPLETION_BATCH = 'CompletionBatch:';

/** Ticked participants of "Mokymų baigimas" marked at once (DONE-11): CompletionBatch:<the form's idempotency key>. */
export function completionBatchWorkflowId(batchId: string): string {
  return COMPLETION_BATCH + batchId;
}

const CONTRACT_BATCH_SIGNING = 'ContractBatchSigning:';

/** One bulk signing of learning contracts (CON-5): ContractBatchSigning:<the form's idempotency key>. */
export function contractBatchSigningWorkflowId(batchId: string): string {
  return CONTRACT_BATCH_SIGNING + batchId;
}

const MONITORING_PROTOCOL = 'MonitoringProtocol:';

/** One KPMPC monitoring protocol (L7): MonitoringProtocol:<protocol id>. */
export function monitoringProtocolWorkflowId(protocolId: string): string {
  return MONITORING_PROTOCOL + protocolId;
}

const CERTIFICATE_ISSUANCE = 'CertificateIssuance:';

/**
 * The certificate batch of one Vilnius day (DONE-17): CertificateIssuance:<YYYY-MM-DD>; the daily
 * schedule starts CertificateIssuance:daily (Temporal appends "-<scheduled time>").
 */
export function certificateIssuanceWorkflowId(label: string): string {
  return CERTIFICATE_ISSUANCE + label;
}

export const CERTIFICATE_ISSUANCE_SCHEDULED_WORKFLOW_ID = certificateIssuanceWorkflowId('daily');

const INVOICE = 'Invoice:';

/** One invoice of a group (L8; INV-12..INV-20): Invoice:<invoice id>. */
export function invoiceWorkflowId(invoiceId: string): string {
  return INVOICE + invoiceId;
}

const UZT_SETTLEMENT = 'UztSettlement:';

/** The settlement documents of one UŽT client whose coupon was approved (§3.13, UZT-6): UztSettlement:<registration id>. */
export function uztSettlementWorkflowId(registrationId: string): string {
  return UZT_SETTLEMENT + registrationId;
}

const REPORT_EXPORT = 'ReportExport:';

/** One report export made in the background (issue 15): ReportExport:<export id>. */
export function reportExportWorkflowId(exportId: string): string {
  return REPORT_EXPORT + exportId;
}
