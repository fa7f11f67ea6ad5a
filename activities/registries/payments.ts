// Client of the funder's payment system (issue 14; INV-17, L8 I8 → I9): an invoice the evaluator set
// "Perduota apmokėti" becomes a payment order there, and the order's status says when it was paid.
//   POST <base>/orders  (Idempotency-Key header) { invoiceId, invoiceNumber, institutionCode, amount }
//        → PaymentOrder (201 new, 200 the invoice's existing order); 409 when the invoice already has an
//          order with other data
//   GET  <base>/orders/:id  → PaymentOrder | 404
// One order per invoice: registering the same invoice again (a retried activity, a replayed workflow)
// returns the order it already has.
import { z } from 'zod';
import { moneyAmount, RegistryError } from '../../workflows/domain/registries.ts';
import { createRegistryHttp, expectSameKey, seg, type RegistryClientOptions } from './http.ts';

/** REGISTERED: taken, not paid yet; PAID: the money left (paidAt). */
export type PaymentOrderStatus = 'REGISTERED' | 'PAID';

export interface PaymentOrderRequest {
  /** The invoice's id in IMP IS (the order's idempotency key). */
  invoiceId: string;
  /** The provider's invoice number, as on its PDF. */
  invoiceNumber: string;
  /** The payee: the provider's legal entity code, or a free teacher's code in IMP IS ("LM-…"). */
  institutionCode: string;
  /** Euros with cents, "1500.00". */
  amount: string;
}

export interface PaymentOrder extends PaymentOrderRequest {
  /** The payment system's order number, e.g. "MN-2026-000001". */
  id: string;
  status: PaymentOrderStatus;
  registeredAt: string;
  paidAt: string | null;
}

/** A legal entity code (9 digits) or a free teacher's IMP IS code ("LM-" and 12 hex digits). */
const institutionCode = z.string().regex(/^[0-9A-Za-z-]{1,40}$/);

const PaymentOrderSchema: z.ZodType<PaymentOrder> = z.object({
  id: z.string().min(1),
  invoiceId: z.guid(),
  invoiceNumber: z.string().min(1),
  institutionCode,
  amount: moneyAmount,
  status: z.enum(['REGISTERED', 'PAID']),
  registeredAt: z.string(),
  paidAt: z.string().nullable(),
});

const RequestSchema = z.object({
  invoiceId: z.guid(),
  invoiceNumber: z.string().trim().min(1).max(100),
  institutionCode,
  amount: moneyAmount,
});

export interface PaymentsClient {
  /**
   * Registers the invoice's payment order, or returns the one it already has (idempotent by the
   * invoice). RegistryError 'rejected' (HTTP 409/422) when the payment system refuses it.
   */
  registerPayment(request: PaymentOrderRequest): Promise<PaymentOrder>;
  /** The order as the payment system has it now; null when it knows no such order. */
  findOrder(orderId: string): Promise<PaymentOrder | null>;
}

export function createPaymentsClient(baseUrl: string, options: RegistryClientOptions = {}): PaymentsClient {
  const http = createRegistryHttp('payments', baseUrl, options);
  return {
    async registerPayment(request) {
      const body = RequestSchema.parse(request);
      const order = expectSameKey(
        'payments',
        await http.post('/orders', body, PaymentOrderSchema, { idempotencyKey: `payment:${body.invoiceId}` }),
        (o) => o.invoiceId,
        body.invoiceId,
      );
      // POST /orders never answers 404 for a well-formed request: the address is wrong.
      if (!order)
        throw new RegistryError('payments', 'rejected', `Mokėjimų sistema atmetė užklausą: HTTP 404 (POST ${http.baseUrl}/orders)`, {
          status: 404,
        });
      return order;
    },
    async findOrder(orderId) {
      return expectSameKey('payments', await http.get(`/orders/${seg(orderId)}`, PaymentOrderSchema), (o) => o.id, orderId);
    },
  };
}
