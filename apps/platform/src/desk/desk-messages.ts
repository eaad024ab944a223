import type { Language } from '@rw/kernel';
import { translator } from '../i18n';

/** What the desk's form checks (desk-forms.ts) say next to a field, in the organiser's language. */
export interface DeskMessages {
  errorUnknownField: (field: string) => string;
  errorOneValue: string;
  errorLoginEmail: string;
  errorPassword: string;
  errorDistance: (max: number) => string;
  errorWaiverReason: string;
  errorTooLong: (max: number) => string;
  errorChooseBeneficiary: string;
  errorAmount: string;
  errorDonorName: string;
  errorNameTooLong: string;
  errorDonorEmail: string;
  errorMethod: string;
  errorReceivedOn: string;
  errorReload: string;
}

/** The form checks' words, from the catalogue's `desk.errors` (the sentences live there, in every language). */
export function deskMessages(language: Language): DeskMessages {
  const t = translator(language);
  return {
    errorUnknownField: (field) => t('desk.errors.unknownField', { field }),
    errorOneValue: t('desk.errors.oneValue'),
    errorLoginEmail: t('desk.errors.loginEmail'),
    errorPassword: t('desk.errors.password'),
    errorDistance: (max) => t('desk.errors.distance', { max }),
    errorWaiverReason: t('desk.errors.waiverReason'),
    errorTooLong: (max) => t('desk.errors.tooLong', { max }),
    errorChooseBeneficiary: t('desk.errors.chooseBeneficiary'),
    errorAmount: t('desk.errors.amount'),
    errorDonorName: t('desk.errors.donorName'),
    errorNameTooLong: t('desk.errors.nameTooLong'),
    errorDonorEmail: t('desk.errors.donorEmail'),
    errorMethod: t('desk.errors.method'),
    errorReceivedOn: t('desk.errors.receivedOn'),
    errorReload: t('desk.errors.reload'),
  };
}
