import { accountsProjection } from './accounts/projection';
import { editionsProjection } from './editions/projection';
import { distanceProposalsProjection } from './fundraisers/distance-proposals';
import { fundraisersProjection } from './fundraisers/projection';
import { giftsProjection } from './gifts/projection';
import { bankLinesProjection } from './imports/projection';
import { ledgerProjection } from './ledger/projection';
import { mailProjection } from './mail/projection';
import { pledgesProjection } from './pledges/projection';
import type { Projection } from './runner/projection';

/** Every read model of the platform, in the order the runner applies them. */
export const allProjections: readonly Projection[] = [
  accountsProjection,
  editionsProjection,
  fundraisersProjection,
  distanceProposalsProjection,
  giftsProjection,
  pledgesProjection,
  bankLinesProjection,
  ledgerProjection,
  mailProjection,
];
