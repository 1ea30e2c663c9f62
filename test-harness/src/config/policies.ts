import { common, msp } from '@hyperledger/fabric-protos';

/** An MSP role a signature policy can require. */
export type MspRole = 'member' | 'admin' | 'client' | 'peer' | 'orderer';

const ROLE_CODES: Record<MspRole, msp.MSPRole.MSPRoleTypeMap[keyof msp.MSPRole.MSPRoleTypeMap]> = {
  member: msp.MSPRole.MSPRoleType.MEMBER,
  admin: msp.MSPRole.MSPRoleType.ADMIN,
  client: msp.MSPRole.MSPRoleType.CLIENT,
  peer: msp.MSPRole.MSPRoleType.PEER,
  orderer: msp.MSPRole.MSPRoleType.ORDERER,
};

/** A principal: an MSP role in an organization, `'Org1MSP.peer'` in Fabric's policy language. */
export interface RolePrincipal {
  readonly mspId: string;
  readonly role: MspRole;
}

/**
 * A signature policy envelope satisfied by `n` of the principals (`OR` is n = 1, `AND` is n = all),
 * encoded as Fabric's policy parser encodes `OutOf(n, 'A.role', ...)`.
 */
export function signaturePolicyEnvelope(
  n: number,
  principals: readonly RolePrincipal[],
): common.SignaturePolicyEnvelope {
  const identities = principals.map(({ mspId, role }) => {
    const mspRole = new msp.MSPRole();
    mspRole.setMspIdentifier(mspId);
    mspRole.setRole(ROLE_CODES[role]);
    const principal = new msp.MSPPrincipal();
    principal.setPrincipalClassification(msp.MSPPrincipal.Classification.ROLE);
    principal.setPrincipal(mspRole.serializeBinary());
    return principal;
  });
  return nOutOfEnvelope(n, identities);
}

function nOutOfEnvelope(n: number, identities: readonly msp.MSPPrincipal[]): common.SignaturePolicyEnvelope {
  const rules = identities.map((_, index) => {
    const rule = new common.SignaturePolicy();
    rule.setSignedBy(index);
    return rule;
  });
  const nOutOf = new common.SignaturePolicy.NOutOf();
  nOutOf.setN(n);
  nOutOf.setRulesList(rules);
  const rule = new common.SignaturePolicy();
  rule.setNOutOf(nOutOf);
  const envelope = new common.SignaturePolicyEnvelope();
  envelope.setVersion(0);
  envelope.setRule(rule);
  envelope.setIdentitiesList([...identities]);
  return envelope;
}

/**
 * A signature policy envelope satisfied by `n` of the given identities (IDENTITY principals: a serialized identity
 * each), as `policydsl.NOutOf` over `SignedBy` rules; BFT block validation uses it.
 */
export function identitiesOutOf(
  n: number,
  identities: readonly { readonly mspId: string; readonly certificate: Uint8Array }[],
): common.SignaturePolicyEnvelope {
  const principals = identities.map(({ mspId, certificate }) => {
    const serialized = new msp.SerializedIdentity();
    serialized.setMspid(mspId);
    serialized.setIdBytes(certificate);
    const principal = new msp.MSPPrincipal();
    principal.setPrincipalClassification(msp.MSPPrincipal.Classification.IDENTITY);
    principal.setPrincipal(serialized.serializeBinary());
    return principal;
  });
  return nOutOfEnvelope(n, principals);
}

/** A `Signature` policy: any one of the principals. */
export function anyOf(principals: readonly RolePrincipal[]): common.Policy {
  const policy = new common.Policy();
  policy.setType(common.Policy.PolicyType.SIGNATURE);
  policy.setValue(signaturePolicyEnvelope(1, principals).serializeBinary());
  return policy;
}

/** An `ImplicitMeta` policy, for example `MAJORITY Admins`. */
export function implicitMeta(rule: 'ANY' | 'ALL' | 'MAJORITY', subPolicy: string): common.Policy {
  const meta = new common.ImplicitMetaPolicy();
  meta.setSubPolicy(subPolicy);
  meta.setRule(common.ImplicitMetaPolicy.Rule[rule]);
  const policy = new common.Policy();
  policy.setType(common.Policy.PolicyType.IMPLICIT_META);
  policy.setValue(meta.serializeBinary());
  return policy;
}
