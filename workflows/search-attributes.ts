// Custom search attributes, registered by scripts/temporal.sh (dev server) and docker-compose.yml.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const InstitutionIdKey = defineSearchAttributeKey('KursuokInstitutionId', SearchAttributeType.KEYWORD);
export const GroupStatusKey = defineSearchAttributeKey('KursuokGroupStatus', SearchAttributeType.KEYWORD);
export const ProgrammeCodeKey = defineSearchAttributeKey('KursuokProgrammeCode', SearchAttributeType.KEYWORD);
