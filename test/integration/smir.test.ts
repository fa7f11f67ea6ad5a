// The ŠMIR client against the ŠMIR simulator: found, not found (null), and failures naming ŠMIR.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmirClient, type SmirClient } from '../../activities/registries/smir.ts';
import { startSmirSimulator, type SmirSimulator } from '../sim/registries/smir.ts';
import { SMIR_FREE_TEACHERS, SMIR_INSTITUTIONS } from '../sim/registries/smir-data.ts';
import { TEST_LEGAL_ENTITIES, TEST_PEOPLE } from '../sim/viisp/people.ts';

let sim: SmirSimulator;
let smir: SmirClient;

beforeAll(async () => {
  sim = await startSmirSimulator({ port: 0 });
  smir = createSmirClient(sim.url);
});

afterAll(async () => {
  await sim?.close();
});

describe('ŠMIR client against the simulator', () => {
  it('finds the institutions of the seeded and of the new legal entities', async () => {
    const demo = await smir.findInstitution(TEST_LEGAL_ENTITIES.demo.code);
    expect(demo).toEqual({
      code: '300000001',
      name: 'Demo mokymo centras',
      legalForm: 'Viešoji įstaiga',
      address: 'Gedimino pr. 1, LT-01103 Vilnius',
      headName: 'Vytautas Kairys',
      email: 'info@demo-centras.lt',
      phone: '+370 5 210 0001',
    });
    expect(await smir.findInstitution('300000002')).toMatchObject({ name: 'Kito teikėjo mokykla', headName: 'Asta Kazlauskienė' });
    expect(await smir.findInstitution(TEST_LEGAL_ENTITIES.newInSmir.code)).toEqual(SMIR_INSTITUTIONS.find((i) => i.code === '300000003'));
  });

  it('finds the free teachers (a citizen and a resident foreigner)', async () => {
    expect(await smir.findFreeTeacher(TEST_PEOPLE.ona.personalCode)).toEqual({
      personalCode: TEST_PEOPLE.ona.personalCode,
      name: 'Ona Laisvoji',
      address: 'Vilniaus g. 12-3, LT-35200 Panevėžys',
      email: 'ona.laisvoji@pastas.lt',
    });
    expect(await smir.findFreeTeacher(TEST_PEOPLE.olena.personalCode)).toEqual(SMIR_FREE_TEACHERS[1]);
  });

  it('answers null for what ŠMIR does not know (404)', async () => {
    expect(await smir.findInstitution(TEST_LEGAL_ENTITIES.notInSmir.code)).toBeNull();
    expect(await smir.findInstitution('../free-teachers')).toBeNull();
    expect(await smir.findFreeTeacher(TEST_PEOPLE.petras.personalCode)).toBeNull();
    expect(await smir.findFreeTeacher(TEST_PEOPLE.ruta.personalCode)).toBeNull();
  });

  it('tolerates a trailing slash in the base URL', async () => {
    expect(await createSmirClient(`${sim.url}/`).findInstitution('300000001')).toMatchObject({ code: '300000001' });
  });

  it('throws an error naming ŠMIR when the registry is down', async () => {
    const down = await startSmirSimulator({ port: 0 });
    await down.close();
    const client = createSmirClient(down.url);
    await expect(client.findInstitution('300000001')).rejects.toThrow(/ŠMIR/);
    await expect(client.findFreeTeacher(TEST_PEOPLE.ona.personalCode)).rejects.toThrow(/ŠMIR/);
  });

  it('throws an error naming ŠMIR on other HTTP errors, non-JSON and unexpected shapes', async () => {
    const answering = (response: () => Response) => createSmirClient('http://smir.invalid', async () => response());
    await expect(answering(() => new Response('oops', { status: 500 })).findInstitution('300000001')).rejects.toThrow(/ŠMIR.*HTTP 500/);
    await expect(answering(() => new Response('<html>', { status: 200 })).findInstitution('300000001')).rejects.toThrow(/ŠMIR.*not JSON/);
    await expect(answering(() => Response.json({ code: '300000001' })).findInstitution('300000001')).rejects.toThrow(/ŠMIR.*unexpected shape/);
    await expect(answering(() => Response.json(SMIR_INSTITUTIONS[0])).findInstitution('300000002')).rejects.toThrow(/ŠMIR/);
  });

  it('gives up after its timeout with an error naming ŠMIR', async () => {
    const hanging = createSmirClient('http://smir.invalid', (_url, init) => {
      const signal = init?.signal;
      expect(signal).toBeInstanceOf(AbortSignal);
      // Stand in for the 5 s timer: abort the way AbortSignal.timeout does.
      return Promise.reject(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    });
    await expect(hanging.findFreeTeacher(TEST_PEOPLE.ona.personalCode)).rejects.toThrow(/ŠMIR.*no answer within 5 s/);
  });
});
