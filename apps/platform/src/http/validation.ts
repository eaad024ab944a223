import { type ArgumentMetadata, BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { MAX_JSON_DEPTH } from './body-limits';

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

/**
 * Keys that class-transformer passes over silently (it never copies them, so the whitelist never sees them): they
 * are refused like any other unknown field, wherever they are.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The first forbidden key in a plain body, or a body nested too deep, as a field problem; null when neither. */
export function plainBodyProblem(value: unknown, path = '', depth = 0): FieldProblem | null {
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_JSON_DEPTH) {
    return { field: path || '(body)', problems: [`the request nests deeper than ${MAX_JSON_DEPTH} levels`] };
  }
  for (const key of Object.keys(value)) {
    const field = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) return { field, problems: [`property ${key} should not exist`] };
    const inner = plainBodyProblem((value as Record<string, unknown>)[key], field, depth + 1);
    if (inner) return inner;
  }
  return null;
}

/** Query DTOs whose valid queries are kept once checked (`memoizeQueryValidation`), by query text. */
const memoized = new Map<unknown, Map<string, unknown>>();
const MEMOIZED_PER_DTO = 1_000;

/**
 * For the query DTO of a public read that screens ask for many times a second with the same few queries (a
 * leaderboard): a query once found valid is not converted and checked again; its result is shared, so the
 * handler must not change it. Only for DTOs whose checks depend on the query alone (no clock, no other input).
 */
export function memoizeQueryValidation(dto: abstract new (...args: never[]) => unknown): void {
  memoized.set(dto, new Map());
}

/** The global pipe: refuses forbidden keys before class-transformer sees the body, then validates as configured. */
class PlatformValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const kept = metadata.type === 'query' ? memoized.get(metadata.metatype) : undefined;
    const key = kept ? JSON.stringify(value) : '';
    if (kept?.has(key)) return kept.get(key);
    if (metadata.type === 'body' || metadata.type === 'query') {
      const problem = plainBodyProblem(value);
      if (problem) {
        throw new BadRequestException({ message: `invalid request: ${problem.problems[0]}`, errors: [problem] });
      }
    }
    const valid = await super.transform(value, metadata);
    if (kept) {
      if (kept.size >= MEMOIZED_PER_DTO) kept.clear();
      kept.set(key, valid);
    }
    return valid;
  }
}

/** Every body and query: known fields only, converted to their declared types, 400 `{ message, errors }` otherwise. */
export function createValidationPipe(): ValidationPipe {
  return new PlatformValidationPipe({
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
