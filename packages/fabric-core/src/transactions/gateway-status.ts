/**
 * Whether a gateway refuses to go on with a chaincode response: a peer endorses any status below 400 (shim
 * ERRORTHRESHOLD), but the gateway takes only 200–399 as success and reports anything else as
 * `chaincode response <status>, <message>` (internal/pkg/gateway/apiutils.go; found by the differential run, where
 * a status 100 committed on the mock and was refused by a real gateway).
 */
export function gatewayRefuses(status: number): boolean {
  return status < 200 || status >= 400;
}

/**
 * The chaincode's status and message in a gateway error detail. The gateway words a refused chaincode response
 * `chaincode response <status>, <message>` (apiutils.go `responseStatus`); a detail in another form is the peer's
 * own refusal (no such chaincode, access denied), which a client sees as status 500 with that text.
 */
export function chaincodeResponseOfDetail(text: string): { readonly status: number; readonly message: string } {
  const match = /^chaincode response (\d+), ([\s\S]*)$/.exec(text);
  if (match?.[1] !== undefined && match[2] !== undefined) return { status: Number(match[1]), message: match[2] };
  return { status: 500, message: text };
}
