import { PERSON_NAME_MAX_LENGTH } from '@rw/fundraising';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsEmailAddress } from '@rw/kernel';

/** A person as the public API takes one: a captain, a walker, a donor, a sponsor. */
export class PersonDto {
  @IsString()
  @MinLength(1, { message: '$property: a name is needed' })
  @MaxLength(PERSON_NAME_MAX_LENGTH)
  name!: string;

  @IsEmailAddress({ message: '$property must be an e-mail address' })
  @MaxLength(254)
  email!: string;
}
