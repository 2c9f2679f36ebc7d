/** Base paths of the two APIs (contract §1). */
export const V1_PREFIX = '/irisservices/api/v1';
export const V2_PREFIX = '/v2';
