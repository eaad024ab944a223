import { aggregateCommands } from '../aggregate-commands';
import type { TaxCertificateCommand } from './commands';
import { taxCertificatesDecider } from './decider';
import { taxCertificatesStream } from './events';

/** Issuing a year's certificates: one stream per income year, so that its numbers form one sequence. */
const taxCertificates = aggregateCommands('TaxCertificates', taxCertificatesDecider, (command: TaxCertificateCommand) =>
  taxCertificatesStream(command.year),
);
export const ExecuteTaxCertificatesCommand = taxCertificates.Execute;
export type ExecuteTaxCertificatesCommand = InstanceType<typeof taxCertificates.Execute>;
export const TaxCertificatesCommandHandler = taxCertificates.Handler;
