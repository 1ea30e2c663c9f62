# hyperledger/fabric-peer, built from Fabric's source (a release tree or Go module). Mirrors Fabric's images/peer/Dockerfile:
# same binary path, config path, builder path, volumes, port and command. The build context is
# prepared by @fabric-testkit/images (bin/, config/, ccaas/). config/ is what the release's own Dockerfile
# copies to FABRIC_CFG_PATH (core.yaml, and the sample MSP before Fabric 3).
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
ARG FABRIC_VER
# Go's netgo resolver reads nsswitch.conf (as in the official image)
RUN echo 'hosts: files dns' > /etc/nsswitch.conf
ENV FABRIC_CFG_PATH=/etc/hyperledger/fabric
ENV FABRIC_VER=${FABRIC_VER}
COPY bin/peer /usr/local/bin/peer
COPY config/ ${FABRIC_CFG_PATH}/
COPY ccaas/ /opt/hyperledger/ccaas_builder/bin/
VOLUME /etc/hyperledger/fabric
VOLUME /var/hyperledger
EXPOSE 7051
CMD ["peer", "node", "start"]
