import { applyDecorators } from '@nestjs/common';
import { IsLanguage } from '@rw/kernel';
import { IsOptional } from 'class-validator';

/** An optional `language` field of a request body: the language of the mails it starts ('nl' when absent). */
export const OptionalMailLanguage = () =>
  applyDecorators(IsOptional(), IsLanguage({ message: 'language must be nl, fr or en' }));
