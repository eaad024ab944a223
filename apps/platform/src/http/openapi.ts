import { LANGUAGES } from '@rw/kernel';
import type { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';
import { ROLES_KEY } from '../accounts/auth';
import { readIdempotencyKey } from './idempotency-key';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/** The part of an OpenAPI schema that validation rules can say. */
interface SchemaObject {
  type?: string;
  format?: string;
  $ref?: string;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  additionalProperties?: boolean;
  items?: SchemaObject;
  maxItems?: number;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

/** Where the JSON API is described: the UI here, the document at `/api/docs-json`. */
export const API_DOCS_PATH = 'api/docs';

type Dto = new () => object;

/**
 * The OpenAPI document of the JSON API (every route under `/api/`), built by `@nestjs/swagger` from the
 * controllers. Request bodies are described from their DTO classes' class-validator rules, the same rules that
 * answer 400: the DTOs are not decorated a second time for the document (swc has no swagger plugin), so the
 * document cannot say something the validation does not do.
 */
export function apiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Refugee Walk platform')
      .setDescription(
        'The JSON API of the Refugee Walk fundraising platform. Amounts are integer cents. A refused request is ' +
          'answered `{ message, errors? }`: 400 with `errors: [{ field, problems }]` for bad input, 401/403 for a ' +
          'missing or insufficient login, 404, 409 for a conflict, 429 or 503 with Retry-After.',
      )
      .addBearerAuth()
      .build(),
  );
  const paths = Object.fromEntries(Object.entries(document.paths).filter(([path]) => path.startsWith('/api/')));
  const schemas: Record<string, SchemaObject> = {};
  const operations = new Map<string, Operation>();
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item) as Operation[]) {
      if (operation?.operationId) operations.set(operation.operationId, operation);
    }
  }
  const handlers = routeHandlers(app);
  const queryDtos = new Set<Dto>();
  for (const handler of handlers) {
    const operation = operations.get(handler.operationId);
    if (!operation) continue;
    operation.parameters ??= [];
    const { parameters } = operation;
    if (handler.body) describeDto(handler.body, schemas);
    for (const name of handler.queryNames) {
      parameters.push({ name, in: 'query', required: false, schema: { type: 'string' } });
    }
    if (handler.query) {
      const schema = schemas[describeDto(handler.query, schemas)];
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        parameters.push({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: property });
      }
      queryDtos.add(handler.query);
    }
    if (handler.idempotencyKey) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: '1 to 200 visible ASCII characters: the same key names the same result, so a retry does it once',
        schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
      });
    }
    if (handler.roles) {
      operation.security = [{ bearer: [] }];
      operation.description = `Needs a staff token with one of the roles: ${handler.roles.join(', ')}.`;
    }
  }
  // a query's DTO is its parameters, not a schema of its own (unless a body is of the same class)
  const bodyDtos = new Set(handlers.map((handler) => handler.body));
  for (const dto of queryDtos) if (!bodyDtos.has(dto)) delete schemas[dto.name];
  for (const operation of operations.values()) {
    for (const media of Object.values(operation.requestBody?.content ?? {})) {
      const name = media.schema?.$ref?.replace('#/components/schemas/', '');
      // a body read as a whole (`@Body() body: unknown`, a file import) has no DTO to describe it
      if (name !== undefined && !(name in schemas)) media.schema = { type: 'object' };
    }
  }
  return { ...document, paths, components: { ...document.components, schemas: schemas as Record<string, object> } };
}

/** Serves the document and its UI (its scripts and stylesheet are files, so the page's CSP holds). */
export function serveApiDocs(app: INestApplication): void {
  const document = apiDocument(app);
  SwaggerModule.setup(API_DOCS_PATH, app, document, {
    jsonDocumentUrl: `${API_DOCS_PATH}-json`,
    raw: ['json'],
    customSiteTitle: 'Refugee Walk API',
  });
}

interface Operation {
  operationId?: string;
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: Record<string, unknown>[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string; type?: string } }> };
}

/** What a route handler takes, read from Nest's metadata: its body and query DTOs, named queries, headers, roles. */
interface RouteHandler {
  operationId: string;
  body?: Dto;
  query?: Dto;
  queryNames: string[];
  idempotencyKey: boolean;
  roles?: string[];
}

function routeHandlers(app: INestApplication): RouteHandler[] {
  const handlers: RouteHandler[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (!controller) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        // methods only: a getter on the prototype must not run without its instance
        const member = Object.getOwnPropertyDescriptor(controller.prototype, method)?.value as unknown;
        if (method === 'constructor' || typeof member !== 'function') continue;
        const args: Record<string, { index: number; data?: unknown; factory?: unknown }> =
          Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {};
        const types: unknown[] = Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? [];
        const handler: RouteHandler = {
          operationId: `${controller.name}_${method}`,
          queryNames: [],
          idempotencyKey: false,
        };
        for (const [key, { index, data, factory }] of Object.entries(args)) {
          const kind = key.split(':')[0];
          const type = types[index];
          if (kind === String(RouteParamtypes.BODY) && isDto(type)) handler.body = type;
          if (kind === String(RouteParamtypes.QUERY)) {
            if (typeof data === 'string') handler.queryNames.push(data);
            else if (isDto(type)) handler.query = type;
          }
          if (
            factory === readIdempotencyKey ||
            (kind === String(RouteParamtypes.HEADERS) && data === 'idempotency-key')
          ) {
            handler.idempotencyKey = true;
          }
        }
        const roles: string[] | undefined =
          Reflect.getMetadata(ROLES_KEY, member) ?? Reflect.getMetadata(ROLES_KEY, controller);
        if (roles) handler.roles = roles;
        handlers.push(handler);
      }
    }
  }
  return handlers;
}

function isDto(type: unknown): type is Dto {
  return typeof type === 'function' && ![Object, String, Number, Boolean, Array].includes(type as ObjectConstructor);
}

/** A DTO's schema from its validation rules, and the schemas of the objects nested in it. */
function describeDto(dto: Dto, schemas: Record<string, SchemaObject>): string {
  const name = dto.name;
  if (schemas[name]) return name;
  const schema: SchemaObject = { type: 'object', properties: {}, additionalProperties: false };
  schemas[name] = schema;
  const rules = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const rule of rules) byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
  const required: string[] = [];
  for (const [property, propertyRules] of byProperty) {
    // @IsOptional, @ValidateIf: the property may be left out (or only counts with another one)
    if (!propertyRules.some((rule) => rule.type === 'conditionalValidation')) required.push(property);
    (schema.properties as Record<string, SchemaObject>)[property] = describeProperty(
      dto,
      property,
      propertyRules,
      schemas,
    );
  }
  if (required.length > 0) schema.required = required;
  return name;
}

function describeProperty(
  dto: Dto,
  property: string,
  rules: ValidationMetadata[],
  schemas: Record<string, SchemaObject>,
): SchemaObject {
  const item: SchemaObject & { $ref?: string } = {};
  let list = false;
  for (const rule of rules) {
    if (rule.type === 'nestedValidation') {
      const nested = defaultMetadataStorage.findTypeMetadata(dto, property)?.typeFunction() as Dto | undefined;
      if (nested) item.$ref = `#/components/schemas/${describeDto(nested, schemas)}`;
      list ||= rule.each;
      continue;
    }
    const [first] = rule.constraints ?? [];
    switch (rule.name) {
      case 'isString':
        item.type = 'string';
        break;
      case 'isInt':
        item.type = 'integer';
        break;
      case 'isNumber':
        item.type ??= 'number';
        break;
      case 'isBoolean':
        item.type = 'boolean';
        break;
      case 'isObject':
        if (!rule.each) item.type ??= 'object';
        break;
      case 'isArray':
        list = true;
        break;
      case 'isEmail':
      case 'isEmailAddress':
        item.type = 'string';
        item.format = 'email';
        break;
      case 'isLanguage':
        item.type = 'string';
        item.enum = [...LANGUAGES];
        break;
      case 'isPostalCode':
      case 'isCountryCode':
      case 'isMoneyText':
        item.type = 'string';
        break;
      case 'isIso8601':
      case 'isISO8601':
        // a day or an instant, as the DTO's pattern says
        item.type = 'string';
        break;
      case 'isIn':
        item.enum = [...(first as unknown[])];
        break;
      case 'min':
        item.minimum = first as number;
        break;
      case 'max':
        item.maximum = first as number;
        break;
      case 'minLength':
        item.type = 'string';
        item.minLength = first as number;
        break;
      case 'maxLength':
        item.type = 'string';
        item.maxLength = first as number;
        break;
      case 'matches':
        item.type = 'string';
        item.pattern = (first as RegExp).source;
        break;
      case 'arrayMaxSize':
        list = true;
        break;
    }
    if (rule.each && rule.name !== 'isObject') list = true;
  }
  if (item.$ref) {
    // a reference stands alone in OpenAPI 3.0: the object's own rules are the referenced schema's
    const reference = { $ref: item.$ref } as SchemaObject;
    return list ? listOf(reference, rules) : reference;
  }
  return list ? listOf(item, rules) : item;
}

function listOf(items: SchemaObject, rules: ValidationMetadata[]): SchemaObject {
  const maxItems = rules.find((rule) => rule.name === 'arrayMaxSize')?.constraints?.[0] as number | undefined;
  return { type: 'array', items, ...(maxItems === undefined ? {} : { maxItems }) };
}
