/**
 * Whether a gateway refuses to go on with a chaincode response: a peer endorses any status below 400 (shim
 * ERRORTHRESHOLD), but the gateway takes only 200–399 as success and reports anything else as
 * `chaincode response <status>, <message>` (internal/pkg/gateway/apiutils.go; found by the differential run, where
 * a status 100 committed on the mock and was refused by a real gateway).
 */
export function gatewayRefuses(status: number): boolean {
  return status < 200 || status >= 400;
}
