import { aggregateCommands } from '../aggregate-commands';
import type { AccountCommand } from './commands';
import { accountDecider } from './decider';
import { accountStream } from './events';

const account = aggregateCommands('Account', accountDecider, (command: AccountCommand) => accountStream(command.email));
export const ExecuteAccountCommand = account.Execute;
export type ExecuteAccountCommand = InstanceType<typeof account.Execute>;
export const AccountCommandHandler = account.Handler;
