/** Per-call options every API method takes last. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** Per-call options that ask for the status and headers as well as the body. */
export interface ResponseOptions extends CallOptions {
  withResponse: true;
}
