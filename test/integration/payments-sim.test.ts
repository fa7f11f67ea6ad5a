// The funder's payment system (issue 14; INV-17, L8 I8 → I9): the product's client against the registry
// simulator's /mokejimai over real HTTP — a payment order per invoice (idempotent by the invoice, a
// different order for the same invoice refused), its status "REGISTERED" until the simulator's delay has
// passed and "PAID" after it, the test control that pays at once, and the failure modes shared with the
// state registries (a down payment system is a RegistryError naming it, retried on 5xx).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaymentsClient, type PaymentsClient } from '../../activities/registries/payments.ts';
import { RegistryError } from '../../workflows/domain/registries.ts';
import { startRegistrySimulator, type RegistrySimulator } from '../sim/registries/server.ts';

let sim: RegistrySimulator;
let payments: PaymentsClient;

const order = (over: Partial<{ invoiceId: string; invoiceNumber: string; institutionCode: string; amount: string }> = {}) => ({
  invoiceId: crypto.randomUUID(),
  invoiceNumber: 'DMC-2026/015',
  institutionCode: '300000001',
  amount: '1500.00',
  ...over,
});

beforeAll(async () => {
  sim = await startRegistrySimulator({ port: 0, paymentDelayMs: 60_000 });
  payments = createPaymentsClient(sim.urls.payments, { timeoutMs: 1_000, backoffMs: 5 });
});

afterAll(async () => {
  await sim?.close();
});

describe('payment orders', () => {
  it('registers an order with the invoice’s amount and payee; registering the invoice again returns the same order', async () => {
    const request = order();
    const first = await payments.registerPayment(request);
    expect(first).toMatchObject({ ...request, status: 'REGISTERED', paidAt: null });
    expect(first.id).toMatch(/^MN-\d{4}-\d{6}$/);
    const again = await payments.registerPayment(request);
    expect(again).toEqual(first);
    expect(sim.paymentOrders().filter((o) => o.invoiceId === request.invoiceId)).toHaveLength(1);
    expect(sim.paymentOrder(request.invoiceId)).toMatchObject({ amount: '1500.00', institutionCode: '300000001' });
    expect(await payments.findOrder(first.id)).toEqual(first);
  });

  it('refuses another order for an invoice that has one (409: "rejected", not retried) and bad amounts (422)', async () => {
    const request = order();
    await payments.registerPayment(request);
    const before = sim.requestCount('payments');
    const err = await payments.registerPayment({ ...request, amount: '1499.99' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect(err).toMatchObject({ registry: 'payments', kind: 'rejected', status: 409 });
    expect((err as Error).message).toContain('Mokėjimų sistema atmetė užklausą');
    expect(sim.requestCount('payments') - before).toBe(1);
    expect(sim.paymentOrder(request.invoiceId)?.amount).toBe('1500.00');
    // The client refuses to send an amount that is not euros with cents; the simulator a zero amount.
    await expect(payments.registerPayment(order({ amount: '15' }))).rejects.toThrow();
    const raw = await fetch(`${sim.urls.payments}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(order({ amount: '0.00' })),
    });
    expect(raw.status).toBe(422);
  });

  it('reports "PAID" once the delay has passed, and the test control pays at once', async () => {
    const slow = await payments.registerPayment(order());
    expect((await payments.findOrder(slow.id))?.status).toBe('REGISTERED');
    // The test control over HTTP, by the invoice id the test knows.
    const control = await fetch(`${sim.url}/_control/mokejimai/orders/${slow.invoiceId}/pay`, { method: 'POST' });
    expect(control.status).toBe(200);
    const paid = await payments.findOrder(slow.id);
    expect(paid).toMatchObject({ status: 'PAID', paidAt: expect.any(String) });
    expect(new Date(paid!.paidAt!).getTime()).toBeGreaterThanOrEqual(new Date(slow.registeredAt).getTime());
    expect((await fetch(`${sim.url}/_control/mokejimai/orders/${crypto.randomUUID()}/pay`, { method: 'POST' })).status).toBe(404);

    // A short delay (PUT /_control/mokejimai/delay): paid by itself.
    expect((await fetch(`${sim.url}/_control/mokejimai/delay`, { method: 'PUT', body: JSON.stringify({ ms: 150 }) })).status).toBe(204);
    const quick = await payments.registerPayment(order());
    expect(quick.status).toBe('REGISTERED');
    await new Promise((r) => setTimeout(r, 250));
    expect((await payments.findOrder(quick.id))?.status).toBe('PAID');
    sim.setPaymentDelay(60_000);

    const listed = (await (await fetch(`${sim.url}/_control/mokejimai/orders?invoiceId=${quick.invoiceId}`)).json()) as {
      items: { id: string }[];
    };
    expect(listed.items.map((o) => o.id)).toEqual([quick.id]);
  });

  it('knows no order it never registered: null', async () => {
    expect(await payments.findOrder('MN-1900-000000')).toBeNull();
  });
});

describe('the payment system down', () => {
  it('a 5xx is retried, then a RegistryError naming the payment system; a transient one is survived', async () => {
    const request = order();
    sim.fail('payments', { mode: 'status', status: 503 });
    try {
      const err = await payments.registerPayment(request).catch((e: unknown) => e);
      expect(err).toMatchObject({ registry: 'payments', kind: 'server', unavailable: true });
      expect((err as Error).message).toMatch(/^Mokėjimų sistema nepasiekiama/);
    } finally {
      sim.recover('payments');
    }
    // The retried POST carries the same idempotency key: one order however often it was tried.
    sim.fail('payments', { mode: 'reset', times: 2 });
    const registered = await payments.registerPayment(request);
    expect(registered.invoiceId).toBe(request.invoiceId);
    expect(sim.paymentOrders().filter((o) => o.invoiceId === request.invoiceId)).toHaveLength(1);
  });

  it('reset forgets every order', async () => {
    const kept = await payments.registerPayment(order());
    sim.reset();
    expect(sim.paymentOrder(kept.invoiceId)).toBeNull();
    expect(await payments.findOrder(kept.id)).toBeNull();
  });
});
