import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { BadRequest } from './errors.js';

function flatten(errors: ValidationError[], prefix = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    // A missing field would list every rule it breaks (length, format…): say only that it is missing.
    const own = e.constraints ? [{ field, problems: e.value === undefined ? ['is required'] : Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Validates every body and query against its DTO, listing every problem with the field it concerns. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      const missing = problems.filter((p) => p.problems[0] === 'is required').map((p) => p.field);
      const invalid = problems.filter((p) => p.problems[0] !== 'is required').map((p) => p.field);
      const parts = [missing.length ? `missing ${missing.join(', ')}` : '', invalid.length ? `invalid ${invalid.join(', ')}` : ''].filter(Boolean);
      return new BadRequest(`invalid request: ${parts.join('; ')}`, problems);
    },
  });
}
