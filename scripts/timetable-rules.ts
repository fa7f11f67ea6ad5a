// The platform operator's settings of the timetable report's rules (REP-3, OQ-45): table
// `timetable_rules`, one row per rule of workflows/domain/timetable-rules.ts. Parameters are
// validated with the rule's zod schema before they are written; the report reads the table each time.
//
//   bash scripts/node.sh scripts/timetable-rules.ts list
//   bash scripts/node.sh scripts/timetable-rules.ts enable  <CODE> [--by <name>]
//   bash scripts/node.sh scripts/timetable-rules.ts disable <CODE> [--by <name>]
//   bash scripts/node.sh scripts/timetable-rules.ts set     <CODE> key=value… | '<JSON object>' [--by <name>]
//
// e.g. `set DAILY_ACADEMIC_HOURS maxAcademicHours=6`, `set LECTURER_TWO_PLACES minGapMinutes=45 matchByName=true`.
// The database is the configured one (DATABASE_URL, as for the app).
import { createDb, type Db } from '../db/client.ts';
import { listTimetableRuleSettings, saveTimetableRuleSetting } from '../db/queries/timetable-report.ts';
import {
  isTimetableRuleCode,
  parseTimetableRuleParams,
  TIMETABLE_RULE_CODES,
  TIMETABLE_RULE_NAMES,
  timetableRuleDefaults,
  timetableRuleRequirement,
  type TimetableRuleCode,
} from '../workflows/domain/timetable-rules.ts';
import { loadConfig } from '../worker/config.ts';

const USAGE = `Naudojimas:
  timetable-rules.ts list
  timetable-rules.ts enable  <KODAS> [--by <vardas>]
  timetable-rules.ts disable <KODAS> [--by <vardas>]
  timetable-rules.ts set     <KODAS> raktas=reikšmė… | '<JSON objektas>' [--by <vardas>]
Taisyklių kodai: ${TIMETABLE_RULE_CODES.join(', ')}`;

export class UsageError extends Error {}

/** `key=value` pairs (values read as JSON where they are JSON: numbers, true/false) or one JSON object. */
export function paramsFromArgs(args: readonly string[]): Record<string, unknown> {
  if (args.length === 0) throw new UsageError('Nurodykite bent vieną parametrą (raktas=reikšmė arba JSON objektą).');
  if (args.length === 1 && args[0]!.trim().startsWith('{')) {
    try {
      const value: unknown = JSON.parse(args[0]!);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError('Parametrai turi būti JSON objektas.');
      return value as Record<string, unknown>;
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`Neteisingas JSON: ${(err as Error).message}`);
    }
  }
  const params: Record<string, unknown> = {};
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq <= 0) throw new UsageError(`Parametras „${arg}“ turi būti raktas=reikšmė.`);
    const raw = arg.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // a plain string
    }
    params[arg.slice(0, eq)] = value;
  }
  return params;
}

function ruleCode(arg: string | undefined): TimetableRuleCode {
  if (!isTimetableRuleCode(arg)) throw new UsageError(`Nežinomas taisyklės kodas: ${arg ?? '(nenurodytas)'}.`);
  return arg;
}

/** Runs one command; returns what to print. */
export async function runTimetableRulesCommand(db: Db, argv: readonly string[], defaultBy: string): Promise<string> {
  const args = [...argv];
  let by = defaultBy;
  const byAt = args.indexOf('--by');
  if (byAt >= 0) {
    const name = args[byAt + 1];
    if (!name) throw new UsageError('Po --by nurodykite savo vardą.');
    by = name;
    args.splice(byAt, 2);
  }
  const [command, ...rest] = args;
  switch (command) {
    case 'list': {
      const stored = new Map((await listTimetableRuleSettings(db)).map((r) => [r.code, r]));
      return TIMETABLE_RULE_CODES.map((code) => {
        const row = stored.get(code);
        const state = row ? (row.enabled ? 'įjungta' : 'išjungta') : 'įjungta (numatytoji, eilutės nėra)';
        const params = JSON.stringify(row?.params ?? timetableRuleDefaults(code));
        const changed = row ? `, pakeitė ${row.updatedBy} ${row.updatedAt.toISOString()}` : '';
        return `${code} – ${TIMETABLE_RULE_NAMES[code]} [${timetableRuleRequirement(code)}]\n  ${state}; parametrai ${params}${changed}`;
      }).join('\n');
    }
    case 'enable':
    case 'disable': {
      const code = ruleCode(rest[0]);
      if (rest.length > 1) throw new UsageError(USAGE);
      const existing = (await listTimetableRuleSettings(db)).find((r) => r.code === code);
      const saved = await saveTimetableRuleSetting(
        db,
        code,
        { enabled: command === 'enable', ...(existing ? {} : { params: timetableRuleDefaults(code) }) },
        by,
      );
      return `${code}: ${saved.enabled ? 'įjungta' : 'išjungta'}.`;
    }
    case 'set': {
      const code = ruleCode(rest[0]);
      const existing = (await listTimetableRuleSettings(db)).find((r) => r.code === code);
      const parsed = parseTimetableRuleParams(code, { ...(existing?.params ?? {}), ...paramsFromArgs(rest.slice(1)) });
      if (!parsed.ok) throw new UsageError(parsed.error);
      const saved = await saveTimetableRuleSetting(db, code, { params: parsed.params }, by);
      return `${code}: parametrai ${JSON.stringify(saved.params)}${saved.enabled ? '' : ' (taisyklė išjungta)'}.`;
    }
    default:
      throw new UsageError(USAGE);
  }
}

if (import.meta.main) {
  const db = createDb(loadConfig().databaseUrl, { max: 1 });
  try {
    console.log(await runTimetableRulesCommand(db, process.argv.slice(2), process.env.USER ?? 'operatorius'));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(err.message);
    process.exitCode = 2;
  } finally {
    await db.destroy();
  }
}
