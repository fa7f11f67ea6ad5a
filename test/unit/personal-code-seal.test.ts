// The sealed personal code (NUM-9: Mokinių registras is asked by personal code without the person
// present): AES-256-GCM, a random IV per seal, bound to its record; anything changed does not open.
import { describe, expect, it } from 'vitest';
import { sealPersonalCode, unsealPersonalCode } from '../../worker/crypto.ts';

const SECRET = 'test-pepper-'.padEnd(40, 'x');
const CODE = '38703181745';
const PARTICIPANT = '7d0c5a52-3f0e-4a3c-9a43-4c7b1a0d2e11';

/** The same sealed value with one base64url character of part `index` changed. */
function tamper(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const part = parts[index]!;
  parts[index] = (part[0] === 'A' ? 'B' : 'A') + part.slice(1);
  return parts.join('.');
}

describe('sealPersonalCode / unsealPersonalCode', () => {
  it('opens with the same secret and record, and the sealed text does not contain the code', () => {
    const sealed = sealPersonalCode(SECRET, CODE, PARTICIPANT);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain(CODE);
    expect(unsealPersonalCode(SECRET, sealed, PARTICIPANT)).toBe(CODE);
  });

  it('uses a new IV each time: the same code sealed twice differs, both open', () => {
    const a = sealPersonalCode(SECRET, CODE, PARTICIPANT);
    const b = sealPersonalCode(SECRET, CODE, PARTICIPANT);
    expect(a).not.toBe(b);
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
    expect(unsealPersonalCode(SECRET, b, PARTICIPANT)).toBe(CODE);
  });

  it('refuses a tampered IV, ciphertext or tag', () => {
    const sealed = sealPersonalCode(SECRET, CODE, PARTICIPANT);
    for (const index of [1, 2, 3]) expect(unsealPersonalCode(SECRET, tamper(sealed, index), PARTICIPANT)).toBeNull();
    // Truncated tag, swapped parts, another version, garbage.
    const [v, iv, ct, tag] = sealed.split('.');
    expect(unsealPersonalCode(SECRET, [v, iv, ct, tag!.slice(0, 10)].join('.'), PARTICIPANT)).toBeNull();
    expect(unsealPersonalCode(SECRET, [v, iv, tag, ct].join('.'), PARTICIPANT)).toBeNull();
    expect(unsealPersonalCode(SECRET, ['v2', iv, ct, tag].join('.'), PARTICIPANT)).toBeNull();
    expect(unsealPersonalCode(SECRET, 'not sealed', PARTICIPANT)).toBeNull();
  });

  it('does not open under another secret or for another record, nor when there is nothing', () => {
    const sealed = sealPersonalCode(SECRET, CODE, PARTICIPANT);
    expect(unsealPersonalCode(`${SECRET}-rotated`, sealed, PARTICIPANT)).toBeNull();
    expect(unsealPersonalCode(SECRET, sealed, '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(unsealPersonalCode(SECRET, null, PARTICIPANT)).toBeNull();
    expect(unsealPersonalCode(SECRET, undefined, PARTICIPANT)).toBeNull();
  });
});
