import { describe, expect, it } from 'vitest';
import type { ErrorBody as SdkErrorBody } from '../src/errors.js';
import { type ErrorBody, ErrorSchema } from '../src/models/error.js';

// The SDK's ErrorBody is written out (its types must not need typebox); it must stay the
// same shape as the schema the server answers with, in both directions.
const toSdk = (body: ErrorBody): SdkErrorBody => body;
const toModel = (body: SdkErrorBody): ErrorBody => body;

describe('ErrorBody', () => {
  it('has the same fields as the models’ ErrorSchema', () => {
    expect(Object.keys(ErrorSchema.properties).sort()).toEqual(['errorCode', 'message', 'taskLogId']);
    expect(toModel(toSdk({ errorCode: 'KNotFound', message: 'no' }))).toEqual({
      errorCode: 'KNotFound',
      message: 'no',
    });
  });
});
