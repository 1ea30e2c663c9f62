import { common, msp } from '@hyperledger/fabric-protos';

/** The rule tree with principals resolved: `{ n, rules }` for gates, `MSP.role` for signatures. */
export type Tree = string | { n: number; rules: Tree[] };

export function treeOf(envelope: common.SignaturePolicyEnvelope): Tree {
  const roles = envelope.getIdentitiesList().map((p) => {
    const role = msp.MSPRole.deserializeBinary(p.getPrincipal_asU8());
    const name = Object.entries(msp.MSPRole.MSPRoleType).find(([, v]) => v === role.getRole())?.[0] ?? '?';
    return `${role.getMspIdentifier()}.${name.toLowerCase()}`;
  });
  const walk = (rule: common.SignaturePolicy | undefined): Tree => {
    const nOutOf = rule?.getNOutOf();
    if (nOutOf) return { n: nOutOf.getN(), rules: nOutOf.getRulesList().map(walk) };
    return roles[rule?.getSignedBy() ?? -1] ?? 'missing';
  };
  return walk(envelope.getRule());
}
