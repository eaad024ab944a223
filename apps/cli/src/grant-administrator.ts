import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, loadState } from '@rw/event-store';
import { type AccountCommand, accountDecider, accountStream, ExecuteAccountCommand } from '@rw/fundraising';
import { ProjectionService } from '@rw/runtime/infrastructure/projection.service';

export class NoSuchAccount extends Error {}

/**
 * The way back in when no administrator can act (the only one left, or locked out): someone with the server's
 * configuration makes an existing staff account an administrator and enables it. The events say "operator" made the
 * change. Running it again changes nothing.
 */
export async function grantAdministrator(
  app: INestApplicationContext,
  email: string,
  at: string,
): Promise<{ accountId: string; changed: boolean }> {
  const { state } = await loadState(app.get<EventStore>(EVENT_STORE), accountStream(email), accountDecider);
  if (state.status === 'none') throw new NoSuchAccount(`no staff account has the e-mail address ${email}`);
  const { accountId } = state;
  const commands: AccountCommand[] = [
    { type: 'ChangeRoles', accountId, email, roles: [...state.roles, 'administrator'], at, by: 'operator' },
    { type: 'EnableAccount', accountId, email, at, by: 'operator' },
  ];
  let changed = false;
  for (const command of commands) {
    const outcome = await app.get(CommandBus).execute(new ExecuteAccountCommand(command));
    await app.get(ProjectionService).settled(outcome.position);
    changed ||= outcome.position !== null;
  }
  return { accountId, changed };
}
