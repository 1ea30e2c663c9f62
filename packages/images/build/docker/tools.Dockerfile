# hyperledger/fabric-tools, built from Fabric's source (a release tree or Go module). Mirrors Fabric's images/tools/Dockerfile:
# every tool in /usr/local/bin, the whole sampleconfig in FABRIC_CFG_PATH (bash, curl, jq come with the base).
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
ARG FABRIC_VER
RUN echo 'hosts: files dns' > /etc/nsswitch.conf
ENV FABRIC_CFG_PATH=/etc/hyperledger/fabric
ENV FABRIC_VER=${FABRIC_VER}
COPY config/ ${FABRIC_CFG_PATH}/
COPY bin/ /usr/local/bin/
VOLUME /etc/hyperledger/fabric
VOLUME /var/hyperledger
