export interface RegisterTeam {
  type: 'RegisterTeam';
  teamId: string;
  editionId: string;
  routeId: string;
  name: string;
  slug: string;
  targetCents: number;
  captainWalkerId: string;
  joinCode: string;
  maxWalkers?: number;
  /** The edition's least target per walker: a team's target is not below it (not checked when absent). */
  walkerMinimumCents?: number;
  at: string;
}

export interface RenameTeam {
  type: 'RenameTeam';
  teamId: string;
  name: string;
  at: string;
}

export interface ChangeTeamTarget {
  type: 'ChangeTeamTarget';
  teamId: string;
  targetCents: number;
  /** The edition's least target per walker: a team's target is not below it (not checked when absent). */
  walkerMinimumCents?: number;
  at: string;
}

export interface AdmitWalker {
  type: 'AdmitWalker';
  teamId: string;
  walkerId: string;
  joinCode: string;
  at: string;
}

export interface RemoveWalkerFromTeam {
  type: 'RemoveWalkerFromTeam';
  teamId: string;
  walkerId: string;
  /** Walker id of whoever asks: only the captain may remove a walker. */
  by: string;
  at: string;
}

export interface CloseTeamForJoining {
  type: 'CloseTeamForJoining';
  teamId: string;
  by: string;
  at: string;
}

export interface ReopenTeamForJoining {
  type: 'ReopenTeamForJoining';
  teamId: string;
  by: string;
  at: string;
}

export type TeamCommand =
  | RegisterTeam
  | RenameTeam
  | ChangeTeamTarget
  | AdmitWalker
  | RemoveWalkerFromTeam
  | CloseTeamForJoining
  | ReopenTeamForJoining;
