import { Decider, fold } from '../decider';

/**
 * Given/When/Then for deciders, without Nest:
 *   given([TeamRegistered]).when(JoinTeam).then([WalkerJoined])
 *   given([...]).when(cmd).thenFails(WalkerAlreadyInTeam)
 */
export function deciderSpec<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return {
    given(history: Event[]) {
      return {
        when(command: Command) {
          const run = () => decider.decide(command, fold(decider, history));
          return {
            // biome-ignore lint/suspicious/noThenProperty: the Given/When/Then vocabulary; this object is never awaited
            then(expected: Event[]): void {
              const produced = run();
              expect(produced).toEqual(expected);
              // the produced events must fold without error: evolve knows every event decide makes
              fold(decider, [...history, ...produced]);
            },
            thenFails(errorType: abstract new (...args: never[]) => Error, message?: string | RegExp): void {
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(errorType);
              if (message !== undefined) expect((thrown as Error).message).toMatch(message);
            },
          };
        },
      };
    },
  };
}
