import type { Frequency } from './payment-provider';

/**
 * The ways a donor may ask to pay, in our words, as the API (`method`) and the give page take them. Each provider
 * translates them into its own method names (or cannot do one): see each adapter's table.
 * - `bancontact`, `ideal`: the Belgian and Dutch bank apps;
 * - `creditcard`: a card (Visa, Mastercard …);
 * - `sepa`: SEPA Direct Debit, a mandate on the donor's IBAN. Not a bank transfer: a transfer is the platform's own
 *   `provider: bank_transfer`, with a structured communication.
 */
export const PAYMENT_METHODS = ['bancontact', 'ideal', 'creditcard', 'sepa'] as const;
export type PaymentMethodName = (typeof PAYMENT_METHODS)[number];

export function isPaymentMethod(value: unknown): value is PaymentMethodName {
  return typeof value === 'string' && (PAYMENT_METHODS as readonly string[]).includes(value);
}

/**
 * What one provider makes of each of our methods: its own method name for a one-off gift and for the first payment
 * of a monthly gift (which must be able to recur), or nothing where it cannot.
 */
export type ProviderMethods<Native extends string> = Record<
  PaymentMethodName,
  { readonly [frequency in Frequency]?: Native }
>;

/** The provider's name for our method, or undefined when the provider cannot take it for that frequency. */
export function nativeMethod<Native extends string>(
  table: ProviderMethods<Native>,
  method: string,
  frequency: Frequency,
): Native | undefined {
  return isPaymentMethod(method) ? table[method][frequency] : undefined;
}

/** Our methods a provider can take for a frequency, in our order. */
export function methodsOffered(table: ProviderMethods<string>, frequency: Frequency): PaymentMethodName[] {
  return PAYMENT_METHODS.filter((method) => table[method][frequency] !== undefined);
}

const GIFT: Record<Frequency, string> = { one_off: 'a one-off gift', monthly: 'a monthly gift' };

/**
 * Why a provider cannot take this method for this frequency (one clear sentence for a 400), or undefined when it can.
 * `offered` is what the provider can take instead (PaymentProvider.methodsFor).
 */
export function methodRefusal(
  providerName: string,
  offered: readonly PaymentMethodName[],
  method: string,
  frequency: Frequency,
): string | undefined {
  if (!isPaymentMethod(method)) return `method must be one of ${PAYMENT_METHODS.join(', ')}`;
  if (offered.includes(method)) return undefined;
  const instead = offered.length > 0 ? `: choose ${offered.join(', ')}` : '';
  return `method ${method} is not offered by the payment provider (${providerName}) for ${GIFT[frequency]}${instead}`;
}
