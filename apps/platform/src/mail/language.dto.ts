import { applyDecorators } from '@nestjs/common';
import { MAIL_LANGUAGES } from '@rw/fundraising';
import { IsIn, IsOptional } from 'class-validator';

/** An optional `language` field of a request body: the language of the mails it starts ('nl' when absent). */
export const OptionalMailLanguage = () =>
  applyDecorators(IsOptional(), IsIn(MAIL_LANGUAGES, { message: 'language must be nl, fr or en' }));
