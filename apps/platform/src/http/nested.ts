import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, ValidateNested } from 'class-validator';

/**
 * A nested object of the body (`donor`, `beneficiary`, `captain`…): required unless `@IsOptional()` precedes it,
 * and an object, not an array or a scalar. `@ValidateNested()` alone lets `[]` and a missing field through, and the
 * handler then fails on `undefined` (a 500 instead of a 400).
 */
export const NestedObject = (type: () => new () => object) =>
  applyDecorators(IsObject({ message: '$property must be an object' }), ValidateNested(), Type(type));

/** A list of nested objects (an edition's `routes`): an array whose every item is an object. */
export const NestedObjects = (type: () => new () => object, maxSize: number) =>
  applyDecorators(
    IsArray({ message: '$property must be a list' }),
    ArrayMaxSize(maxSize),
    IsObject({ each: true, message: 'each of $property must be an object' }),
    ValidateNested({ each: true }),
    Type(type),
  );
