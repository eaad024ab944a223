import { describePaymentProvider } from '../testing/conformance';
import { SandboxPaymentProvider } from './sandbox';

describePaymentProvider('sandbox', async () => ({
  provider: new SandboxPaymentProvider('https://walk.example.org'),
  // nothing to script: the sandbox calls no provider and has no webhook of its own
  world: { calls: () => 0 },
}));
