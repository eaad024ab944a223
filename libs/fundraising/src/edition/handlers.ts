import { aggregateCommands } from '../aggregate-commands';
import type { EditionCommand } from './commands';
import { editionDecider } from './decider';
import { editionStream } from './events';

const edition = aggregateCommands('Edition', editionDecider, (command: EditionCommand) =>
  editionStream(command.editionId),
);
export const ExecuteEditionCommand = edition.Execute;
export type ExecuteEditionCommand = InstanceType<typeof edition.Execute>;
export const EditionCommandHandler = edition.Handler;
