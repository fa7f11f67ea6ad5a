// The operator's texts in the Temporal UI (issue 10): instants in Vilnius time, deadlines written as
// on every page ("iki 2026-12-07 23:59", test/unit/date-format.test.ts), "what it waits for" lines,
// markdown details and summaries within Temporal's 200-byte limit.
import { describe, expect, it } from 'vitest';
import { at, escapeMarkdown, operatorDetails, summary, SUMMARY_MAX_BYTES, waitingFor } from '../../workflows/operator-details.ts';

describe('waitingFor and at', () => {
  it('say what a workflow waits for and until when, in Vilnius time', () => {
    expect(waitingFor('vertintojo sprendimo', '2026-12-07T22:00:00Z')).toBe(
      'Laukia vertintojo sprendimo iki 2026-12-07 23:59 (Vilniaus laiku)',
    );
    expect(waitingFor('registracijos pabaigos', Date.parse('2026-12-07T10:00:00Z'))).toBe(
      'Laukia registracijos pabaigos iki 2026-12-07 12:00 (Vilniaus laiku)',
    );
  });

  it('a wait without a deadline names only what it waits for', () => {
    expect(waitingFor('vertintojo sprendimo')).toBe('Laukia vertintojo sprendimo');
    expect(waitingFor('vertintojo sprendimo', null)).toBe('Laukia vertintojo sprendimo');
  });

  it('at() names a planned step with its Vilnius time', () => {
    expect(at('Priminimas vertintojams', '2026-12-07T06:00:00Z')).toBe('Priminimas vertintojams 2026-12-07 08:00 (Vilniaus laiku)');
  });
});

describe('operatorDetails', () => {
  it('is the status in bold and one list item per line, leaving out empty ones', () => {
    const details = operatorDetails('Laukia vertinimo', [
      waitingFor('vertintojo sprendimo', '2026-12-07T22:00:00Z'),
      null,
      false,
      '  ',
      undefined,
      at('Priminimas vertintojams', '2026-12-07T06:00:00Z'),
    ]);
    expect(details).toBe(
      '**Laukia vertinimo**\n\n' +
        '- Laukia vertintojo sprendimo iki 2026-12-07 23:59 (Vilniaus laiku)\n' +
        '- Priminimas vertintojams 2026-12-07 08:00 (Vilniaus laiku)',
    );
  });

  it('without lines it is the status alone; a line never breaks the list', () => {
    expect(operatorDetails('Patvirtintas')).toBe('**Patvirtintas**');
    expect(operatorDetails('Klaida', ['pirma\n  antra'])).toBe('**Klaida**\n\n- pirma antra');
  });

  it('shows a status with markdown characters literally', () => {
    expect(operatorDetails('Grupė *A*_1')).toBe('**Grupė \\*A\\*\\_1**');
  });
});

describe('summary', () => {
  it('joins the non-empty parts on one line', () => {
    expect(summary('Dokumento vertinimas', 'Išsilavinimą patvirtinantis dokumentas', undefined, '', 'Jonas\n  Jonaitis')).toBe(
      'Dokumento vertinimas · Išsilavinimą patvirtinantis dokumentas · Jonas Jonaitis',
    );
  });

  it('keeps within 200 bytes of UTF-8, cutting at a whole letter with an ellipsis', () => {
    const long = summary('Mokymo grupė', 'Žąsų ūkio šėrimo įgūdžių tobulinimas '.repeat(10));
    const bytes = new TextEncoder().encode(long).length;
    expect(bytes).toBeLessThanOrEqual(SUMMARY_MAX_BYTES);
    expect(bytes).toBeGreaterThan(SUMMARY_MAX_BYTES - 4);
    expect(long.endsWith('…')).toBe(true);
    expect(long).not.toContain('\uFFFD');
    expect(long.startsWith('Mokymo grupė · Žąsų ūkio')).toBe(true);
  });

  it('leaves a summary exactly at the limit whole', () => {
    const exact = 'ą'.repeat(SUMMARY_MAX_BYTES / 2);
    expect(summary(exact)).toBe(exact);
    expect(summary(`${exact}a`)).toMatch(/…$/);
  });
});

describe('escapeMarkdown', () => {
  it('escapes emphasis, code, links and HTML, and leaves Lithuanian text and punctuation alone', () => {
    expect(escapeMarkdown('UAB „Žvaigždė“ *Kursai*_[2026] <b>`x`|~')).toBe('UAB „Žvaigždė“ \\*Kursai\\*\\_\\[2026\\] \\<b\\>\\`x\\`\\|\\~');
    expect(escapeMarkdown('Jonas Jonaitis-Petraitis, Nr. 1.')).toBe('Jonas Jonaitis-Petraitis, Nr. 1.');
  });
});
