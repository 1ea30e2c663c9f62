import { expect } from 'chai';
import { isMspRoleName, MSP_ROLE_NAMES, MSP_ROLE_NUMBERS, mspRoleName } from '../src';

describe('MSP roles (msp/msp_principal.proto MSPRoleType)', () => {
  it("numbers the policy language's role names as MSPRoleType does", () => {
    expect(MSP_ROLE_NAMES.map((name) => MSP_ROLE_NUMBERS[name])).to.deep.equal([0, 1, 2, 3, 4]);
    expect(MSP_ROLE_NAMES.map((_, n) => mspRoleName(n))).to.deep.equal(MSP_ROLE_NAMES);
    expect(mspRoleName(5)).to.equal(undefined);
  });

  it('knows role names only as the policy language spells them', () => {
    expect(isMspRoleName('peer')).to.equal(true);
    expect(isMspRoleName('PEER')).to.equal(false);
  });
});
