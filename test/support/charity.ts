import type { Charity } from '../../apps/platform/src/finance/tax-certificate-files';

/** The charity that signs the tax certificates in the tests of the certificate files (a valid company number). */
export const TEST_CHARITY: Charity = {
  name: 'Refugee Walk vzw',
  street: 'Wetstraat 1',
  postalCode: '1000',
  city: 'Brussel',
  companyNumber: '0412.345.614',
  contactName: 'Marie Peeters',
  phone: '+3225550100',
  email: 'finance@refugeewalk.be',
  signatory: 'Marie Peeters, penningmeester',
  certificateArticle: '3',
};
