# hyperledger/fabric-orderer, built from Fabric's source (a release tree or Go module). Mirrors Fabric's images/orderer/Dockerfile.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
ARG FABRIC_VER
RUN echo 'hosts: files dns' > /etc/nsswitch.conf
ENV FABRIC_CFG_PATH=/etc/hyperledger/fabric
ENV FABRIC_VER=${FABRIC_VER}
COPY bin/orderer /usr/local/bin/orderer
COPY config/ ${FABRIC_CFG_PATH}/
VOLUME /etc/hyperledger/fabric
VOLUME /var/hyperledger
EXPOSE 7050
CMD ["orderer"]
