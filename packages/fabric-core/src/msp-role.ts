/**
 * MSP roles as Fabric's policy language names them and as `MSPRole.MSPRoleType` numbers them
 * (`fabric-protos msp/msp_principal.proto`; names from `common/policydsl/policyparser.go` RoleXXX).
 */
import { msp } from '@hyperledger/fabric-protos';

/** A role a policy principal can require: `'Org1MSP.<role>'`. */
export type MspRoleName = 'member' | 'admin' | 'client' | 'peer' | 'orderer';

/** Each role's `MSPRole.MSPRoleType` number: MEMBER 0, ADMIN 1, CLIENT 2, PEER 3, ORDERER 4. */
export const MSP_ROLE_NUMBERS: Readonly<Record<MspRoleName, number>> = {
  member: msp.MSPRole.MSPRoleType.MEMBER,
  admin: msp.MSPRole.MSPRoleType.ADMIN,
  client: msp.MSPRole.MSPRoleType.CLIENT,
  peer: msp.MSPRole.MSPRoleType.PEER,
  orderer: msp.MSPRole.MSPRoleType.ORDERER,
};

/** The role names, in `MSPRoleType` order. */
export const MSP_ROLE_NAMES: readonly MspRoleName[] = ['member', 'admin', 'client', 'peer', 'orderer'];

/** Whether `text` is a role name exactly as the policy language spells it (lower case). */
export function isMspRoleName(text: string): text is MspRoleName {
  return (MSP_ROLE_NAMES as readonly string[]).includes(text);
}

/** The role name of an `MSPRoleType` number; undefined for a number Fabric does not define. */
export function mspRoleName(roleType: number): MspRoleName | undefined {
  return MSP_ROLE_NAMES.find((name) => MSP_ROLE_NUMBERS[name] === roleType);
}
