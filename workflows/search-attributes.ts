// Custom search attributes, registered by scripts/temporal.sh (dev server) and docker-compose.yml.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const InstitutionIdKey = defineSearchAttributeKey('KursuokInstitutionId', SearchAttributeType.KEYWORD);
export const GroupStatusKey = defineSearchAttributeKey('KursuokGroupStatus', SearchAttributeType.KEYWORD);
export const ProgrammeCodeKey = defineSearchAttributeKey('KursuokProgrammeCode', SearchAttributeType.KEYWORD);
/** DocumentReview: 'LAUKIA' until the reviewer decides, then the decided status (DOC-17; workflows/domain/eligibility.ts). */
export const DocumentStatusKey = defineSearchAttributeKey('KursuokDocumentStatus', SearchAttributeType.KEYWORD);
/** DocumentReview: the end of the 3rd working day (DOC-7), so "overdue and still LAUKIA" is one query. */
export const ReviewDeadlineKey = defineSearchAttributeKey('KursuokReviewDeadline', SearchAttributeType.DATETIME);
