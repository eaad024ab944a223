import type { DomainEvent } from '@rw/event-store';

export type TeamRegistered = DomainEvent<
  'TeamRegistered',
  {
    teamId: string;
    editionId: string;
    routeId: string;
    name: string;
    /** Stable: a renamed team keeps its page address. */
    slug: string;
    targetCents: number;
    /** The captain is the team's first walker. */
    captainWalkerId: string;
    /** Shared by the captain in the invitation link; whoever has it may join. */
    joinCode: string;
    /** No limit when absent: "a team has one captain and any number of members". */
    maxWalkers?: number;
    registeredAt: string;
  }
>;
export type TeamRenamed = DomainEvent<'TeamRenamed', { teamId: string; name: string; renamedAt: string }>;
export type TeamTargetChanged = DomainEvent<
  'TeamTargetChanged',
  { teamId: string; targetCents: number; changedAt: string }
>;
export type WalkerAdmittedToTeam = DomainEvent<
  'WalkerAdmittedToTeam',
  { teamId: string; walkerId: string; admittedAt: string }
>;
export type WalkerRemovedFromTeam = DomainEvent<
  'WalkerRemovedFromTeam',
  { teamId: string; walkerId: string; removedBy: string; removedAt: string }
>;
export type TeamClosedForJoining = DomainEvent<'TeamClosedForJoining', { teamId: string; closedAt: string }>;
export type TeamReopenedForJoining = DomainEvent<'TeamReopenedForJoining', { teamId: string; reopenedAt: string }>;

export type TeamEvent =
  | TeamRegistered
  | TeamRenamed
  | TeamTargetChanged
  | WalkerAdmittedToTeam
  | WalkerRemovedFromTeam
  | TeamClosedForJoining
  | TeamReopenedForJoining;

export const teamStream = (teamId: string) => `team-${teamId}`;
