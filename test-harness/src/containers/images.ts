/** The container images the harness runs, by node kind. */
export interface FabricImages {
  readonly ca: string;
  readonly orderer: string;
  readonly peer: string;
}

/** Fabric 2.5 and Fabric CA 1.5 images, as the images package builds or pulls them. */
export const DEFAULT_IMAGES: FabricImages = {
  ca: 'hyperledger/fabric-ca:1.5.21',
  orderer: 'hyperledger/fabric-orderer:2.5.0',
  peer: 'hyperledger/fabric-peer:2.5.0',
};
