// The public API of @fabric-testkit/test-harness, listed by name.
export { CaClient } from './ca/ca-client';
export type { CaClientOptions } from './ca/ca-client';
export type {
  AttributeRequest,
  CaInfo,
  EnrollRequest,
  Enrollment,
  ReenrollRequest,
  RegisterRequest,
  RegistrationAttribute,
} from './ca/types';
export { CaError, FabricRequestError, FabricTestkitError, WaitTimeoutError, isFabricTestkitError } from './errors';
export type { CaErrorDetail } from './errors';
