export interface ClaimUniqueValue {
  type: 'ClaimUniqueValue';
  scope: string;
  value: string;
  ownerId: string;
  at: string;
}

export interface ReleaseUniqueValue {
  type: 'ReleaseUniqueValue';
  scope: string;
  value: string;
  ownerId: string;
  at: string;
}

export type UniqueValueCommand = ClaimUniqueValue | ReleaseUniqueValue;
