import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Flattens class-validator's tree into `{ field: "routes.0.distanceKm", problems: [...] }`. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    // rules that share one message (a range said once for its three checks) are listed once
    const own = error.constraints ? [{ field, problems: [...new Set(Object.values(error.constraints))] }] : [];
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

/** Every body and query: known fields only, converted to their declared types, 400 `{ message, errors }` otherwise. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const problems = fieldProblems(errors);
      const first = problems[0];
      return new BadRequestException({
        message: first ? `invalid request: ${first.problems[0]}` : 'invalid request',
        errors: problems,
      });
    },
  });
}
