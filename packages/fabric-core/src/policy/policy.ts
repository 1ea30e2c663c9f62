/**
 * The one representation of a Fabric signature policy that every package works with: what
 * `common/policydsl/policyparser.go` builds (a tree of `NOutOf` gates over `SignedBy` principals), with principals
 * inline rather than as indexes into the envelope's identities.
 */
import type { MspRoleName } from '../msp-role';

/** A signature by an identity of `mspId` in `role` (`SignaturePolicy.signed_by` and its `MSPRole`). */
export interface SignedByPolicy {
  readonly type: 'signedBy';
  readonly mspId: string;
  readonly role: MspRoleName;
}

/** `n` of the `rules` satisfied (`SignaturePolicy.n_out_of`); `AND` is n = all rules, `OR` is n = 1. */
export interface OutOfPolicy {
  readonly type: 'outOf';
  readonly n: number;
  readonly rules: readonly Policy[];
}

/** A signature policy: a principal or an n-out-of gate. */
export type Policy = SignedByPolicy | OutOfPolicy;
