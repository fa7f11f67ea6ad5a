// Kysely table types of one area (merged into Database by db/schema.ts).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InstitutionInfoTables {}
