import { aggregateCommands } from '../aggregate-commands';
import type { WalkerCommand } from './commands';
import { walkerDecider } from './decider';
import { walkerStream } from './events';

/** Commands on an existing walker; registration goes through the registration handlers (claims first). */
const walker = aggregateCommands(
  'Walker',
  walkerDecider,
  (command: Exclude<WalkerCommand, { type: 'RegisterWalker' }>) => walkerStream(command.walkerId),
);
export const ExecuteWalkerCommand = walker.Execute;
export type ExecuteWalkerCommand = InstanceType<typeof walker.Execute>;
export const WalkerCommandHandler = walker.Handler;
