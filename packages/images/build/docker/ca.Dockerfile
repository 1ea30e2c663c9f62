# hyperledger/fabric-ca, built from the fabric-ca Go module. Mirrors fabric-ca's images/fabric-ca/Dockerfile.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
ENV FABRIC_CA_HOME=/etc/hyperledger/fabric-ca-server
COPY bin/ /usr/local/bin/
EXPOSE 7054
CMD ["fabric-ca-server", "start", "-b", "admin:adminpw"]
