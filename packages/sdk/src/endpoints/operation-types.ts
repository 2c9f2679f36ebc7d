import type { CallOptions, ResponseOptions } from '../call-options.js';
import type { operations as V1Operations } from '../generated/cluster-v1.js';
import type { operations as V2Operations } from '../generated/cluster-v2.js';
import type { Groups as V1Groups, Paged as V1Paged } from '../generated/v1/index.js';
import type { Groups as V2Groups, Paged as V2Paged } from '../generated/v2/index.js';
import type { ApiResponse } from '../http/http-client.js';
import type { Corrected } from './corrections.js';
import type { Api } from './endpoint.js';

/** Each API's operations, as openapi-typescript generates them from its document. */
export interface Operations {
  v1: V1Operations;
  v2: V2Operations;
}

type Simplify<T> = { [K in keyof T]: T[K] };
type Part<T> = [NonNullable<T>] extends [never] ? unknown : NonNullable<T>;
type Location<Op, K extends 'path' | 'query' | 'header'> = Op extends { parameters: infer P }
  ? P extends { [k in K]?: infer T }
    ? Part<T>
    : unknown
  : unknown;
type Parameters<Op> = Location<Op, 'path'> & Location<Op, 'query'> & Location<Op, 'header'>;
type RequestBody<Op> = Op extends { requestBody?: infer B } ? NonNullable<B> : never;
type Body<Op> =
  RequestBody<Op> extends { content: infer C }
    ? C extends { 'application/json': infer J }
      ? J
      : C extends { 'multipart/form-data': infer F }
        ? F
        : never
    : never;
type BodyRequired<Op> = Op extends { requestBody: unknown } ? true : false;
type BodyPart<Op> = [Body<Op>] extends [never]
  ? unknown
  : BodyRequired<Op> extends true
    ? { body: Body<Op> }
    : { body?: Body<Op> };

/**
 * What an operation takes: its path, query and header parameters by name and its body as
 * `body`; an operation with nothing but a body takes the body itself; `never` for none.
 * @example
 * const params: OperationParams<'v2', 'getProtectionGroups'> = { names: ['daily'], maxResultCount: 10 };
 */
export type OperationParams<A extends Api, Id extends keyof Operations[A]> = InputOf<Operations[A][Id]>;
type InputOf<Op> = keyof Parameters<Op> extends never
  ? [Body<Op>] extends [never]
    ? never
    : Body<Op>
  : Simplify<Parameters<Op> & BodyPart<Op>>;

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206 | 207 | 302 | '2XX';
type Content<R> = R extends { content: infer C }
  ? C extends { 'application/octet-stream': unknown }
    ? Uint8Array
    : C extends { 'application/json': infer J }
      ? J
      : undefined
  : undefined;
type Responses<Op> = Op extends { responses: infer R } ? R : never;

/**
 * What an operation resolves to: its success answer's JSON, the bytes of a file, or
 * `undefined` for an answer without a body (204).
 * @example
 * type Groups = OperationResult<'v2', 'getProtectionGroups'>; // { protectionGroups?: …; paginationCookie?: … }
 */
export type OperationResult<A extends Api, Id extends keyof Operations[A]> = Corrected<
  A,
  Id,
  ResultOf<Operations[A][Id]>
>;
type ResultOf<Op> = Content<Responses<Op>[SuccessStatus & keyof Responses<Op>]>;

/** What every generated method carries besides its call signatures. */
export interface MethodInfo<A extends Api, Id extends string> {
  readonly api: A;
  readonly group: string;
  readonly operationId: Id;
}

/** An operation without input: `(options?)`. */
export interface NoInputMethod<A extends Api, Id extends string, R> extends MethodInfo<A, Id> {
  (options: ResponseOptions): Promise<ApiResponse<R>>;
  (options?: CallOptions): Promise<R>;
}

/** An operation whose input may be left out: `(params?, options?)`. */
export interface OptionalInputMethod<A extends Api, Id extends string, P, R> extends MethodInfo<A, Id> {
  (params: P | undefined, options: ResponseOptions): Promise<ApiResponse<R>>;
  (params?: P, options?: CallOptions): Promise<R>;
}

/** An operation with required input: `(params, options?)`. */
export interface InputMethod<A extends Api, Id extends string, P, R> extends MethodInfo<A, Id> {
  (params: P, options: ResponseOptions): Promise<ApiResponse<R>>;
  (params: P, options?: CallOptions): Promise<R>;
}

/** The method of one operation, typed from the document. */
export type OperationMethod<A extends Api, Id extends keyof Operations[A] & string> = MethodOf<
  A,
  Id,
  InputOf<Operations[A][Id]>,
  OperationResult<A, Id>
>;
type MethodOf<A extends Api, Id extends string, P, R> = [P] extends [never]
  ? NoInputMethod<A, Id, R>
  : Partial<P> extends P
    ? OptionalInputMethod<A, Id, P, R>
    : InputMethod<A, Id, P, R>;

/** One group (tag) of operations. */
export type OperationGroup<A extends Api, Ids extends keyof Operations[A] & string> = {
  readonly [Id in Ids]: OperationMethod<A, Id>;
};

/** The v2 API: `client.<group>.<operationId>(params)`. */
export type V2Api = { readonly [G in keyof V2Groups]: OperationGroup<'v2', V2Groups[G]> };
/** The v1 API: `client.v1.<group>.<operationId>(params)`. */
export type V1Api = { readonly [G in keyof V1Groups]: OperationGroup<'v1', V1Groups[G]> };

/** The paginated operations of each API, with the answer's field that holds the items. */
export interface Paged {
  v1: V1Paged;
  v2: V2Paged;
}

/** A method `client.paginate` can walk. */
export type PagedMethod = {
  [A in Api]: MethodInfo<A, keyof Paged[A] & string>;
}[Api];

type ItemsIn<R, K> = K extends ''
  ? R extends readonly (infer I)[]
    ? I
    : never
  : R extends { [k in K & string]?: infer L }
    ? NonNullable<L> extends readonly (infer I)[]
      ? I
      : never
    : never;

/** What `client.paginate(method)` yields: one item of a page. */
export type PagedItem<M extends PagedMethod> =
  M extends MethodInfo<infer A, infer Id>
    ? Id extends keyof Paged[A] & keyof Operations[A]
      ? ItemsIn<ResultOf<Operations[A][Id]>, Paged[A][Id]>
      : never
    : never;

/** One page `client.paginatePages` yields: the method's whole answer. */
export type PagedPage<M extends PagedMethod> =
  M extends MethodInfo<infer A, infer Id> ? (Id extends keyof Operations[A] ? OperationResult<A, Id> : never) : never;

/** The parameters `client.paginate(method, params)` takes: the method's own. */
export type PagedParams<M extends PagedMethod> =
  M extends MethodInfo<infer A, infer Id> ? (Id extends keyof Operations[A] ? OperationParams<A, Id> : never) : never;
