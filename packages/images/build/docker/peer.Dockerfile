# hyperledger/fabric-peer, built from Fabric's Go modules. Mirrors Fabric's images/peer/Dockerfile:
# same binary path, config path, builder path, volumes, port and command. The build context is
# prepared by @fabric-testkit/images (bin/, sampleconfig/, ccaas/).
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
ARG FABRIC_VER
# Go's netgo resolver reads nsswitch.conf (as in the official image)
RUN echo 'hosts: files dns' > /etc/nsswitch.conf
ENV FABRIC_CFG_PATH=/etc/hyperledger/fabric
ENV FABRIC_VER=${FABRIC_VER}
COPY bin/peer /usr/local/bin/peer
COPY sampleconfig/msp ${FABRIC_CFG_PATH}/msp
COPY sampleconfig/core.yaml ${FABRIC_CFG_PATH}/core.yaml
COPY ccaas/ /opt/hyperledger/ccaas_builder/bin/
VOLUME /etc/hyperledger/fabric
VOLUME /var/hyperledger
EXPOSE 7051
CMD ["peer", "node", "start"]
