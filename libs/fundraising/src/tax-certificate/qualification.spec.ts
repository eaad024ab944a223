import { certificateWithoutNationalNumber, missingCertificateDetails } from './qualification';

const address = { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent', country: 'BE' };

describe('what a donor still has to give for a tax certificate', () => {
  it('asks nothing of years before certificates needed these details', () => {
    expect(missingCertificateDetails({}, 2023)).toEqual([]);
  });

  it('asks the address from 2024 and tolerates a missing national number in 2024 and 2025', () => {
    expect(missingCertificateDetails({}, 2025)).toEqual(['address']);
    expect(missingCertificateDetails({ address }, 2024)).toEqual([]);
    expect(certificateWithoutNationalNumber({}, 2025)).toBe(true);
    expect(certificateWithoutNationalNumber({ nationalNumber: '85073003328' }, 2025)).toBe(false);
  });

  it('requires the national number from 2026', () => {
    expect(missingCertificateDetails({}, 2026)).toEqual(['nationalNumber', 'address']);
    expect(missingCertificateDetails({ address }, 2026)).toEqual(['nationalNumber']);
    expect(missingCertificateDetails({ address, nationalNumber: '85073003328' }, 2026)).toEqual([]);
    expect(certificateWithoutNationalNumber({}, 2026)).toBe(false);
  });
});
