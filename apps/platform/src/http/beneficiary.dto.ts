import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';

/** Whom a gift counts for, as the API takes it: a walker, a team or the edition itself. */
export class BeneficiaryDto {
  @IsIn(['walker', 'team', 'edition'], { message: 'beneficiary.type must be walker, team or edition' })
  type!: 'walker' | 'team' | 'edition';

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  id!: string;
}
