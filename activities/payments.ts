// Activities of the Invoice workflow (L8) that talk to the funder's payment system (issue 14; INV-17,
// I8 → I9): after "Perduota apmokėti" the workflow registers the invoice's payment order (idempotent by
// the invoice: a retried or replayed call gets the same order), then asks for the order's status every
// `pollMs` (KURSUOK_PAYMENT_POLL_MS) until it is paid. The payment system being down or slow is a
// RegistryError that Temporal retries; a refusal (HTTP 4xx) is not retryable.
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../db/client.ts';
import { isRegistryError } from '../workflows/domain/registries.ts';
import type { PaymentsClient } from './registries/payments.ts';

/** The ApplicationFailure type of a payment order the payment system refuses (not retried). */
export const PAYMENT_REFUSED = 'PaymentRefused';

export interface PaymentActivityDeps {
  db: Db;
  payments: PaymentsClient;
  /** How often the workflow asks again (config.paymentPollMs). */
  pollMs: number;
}

export interface PaymentRegistration {
  /** The payment system's order id (stored on the invoice by the workflow's projection). */
  orderId: string;
  paid: boolean;
  paidAt: string | null;
  /** Ask `paymentStatus` again after this long. */
  pollMs: number;
}

export type PaymentStatus = PaymentRegistration;

function refusedOrRethrow(err: unknown): never {
  if (isRegistryError(err) && err.kind === 'rejected')
    throw ApplicationFailure.nonRetryable(err.message, PAYMENT_REFUSED, { status: err.status });
  throw err;
}

export function createPaymentActivities({ db, payments, pollMs }: PaymentActivityDeps) {
  return {
    /**
     * I8: registers the invoice's payment order with its number, amount and payee as Postgres has
     * them (the invoice "Perduota apmokėti"). Idempotent by the invoice id.
     */
    async registerPayment(a: { invoiceId: string }): Promise<PaymentRegistration> {
      const invoice = await db
        .selectFrom('invoices')
        .innerJoin('institutions', 'institutions.id', 'invoices.institution_id')
        .select(['invoices.id', 'invoices.number', 'invoices.amount', 'institutions.code as institutionCode'])
        .where('invoices.id', '=', a.invoiceId)
        .executeTakeFirst();
      if (!invoice) throw ApplicationFailure.nonRetryable(`invoice ${a.invoiceId} not found`, PAYMENT_REFUSED);
      try {
        const order = await payments.registerPayment({
          invoiceId: invoice.id,
          invoiceNumber: invoice.number,
          institutionCode: invoice.institutionCode,
          amount: Number(invoice.amount).toFixed(2),
        });
        return { orderId: order.id, paid: order.status === 'PAID', paidAt: order.paidAt, pollMs };
      } catch (err) {
        refusedOrRethrow(err);
      }
    },

    /** I9's question: is the order paid yet? An order the payment system does not know is refused. */
    async paymentStatus(a: { orderId: string }): Promise<PaymentStatus> {
      try {
        const order = await payments.findOrder(a.orderId);
        if (!order) throw ApplicationFailure.nonRetryable(`payment order ${a.orderId} unknown to the payment system`, PAYMENT_REFUSED);
        return { orderId: order.id, paid: order.status === 'PAID', paidAt: order.paidAt, pollMs };
      } catch (err) {
        refusedOrRethrow(err);
      }
    },
  };
}

export type PaymentActivities = ReturnType<typeof createPaymentActivities>;
