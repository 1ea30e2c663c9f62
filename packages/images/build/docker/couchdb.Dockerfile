# couchdb, built from CouchDB's source archive (`make release`). Mirrors the official image's Dockerfile
# (github.com/apache/couchdb-docker, 3.4.3/Dockerfile): user couchdb (uid/gid 5984), CouchDB in /opt/couchdb, data in
# the volume /opt/couchdb/data, their 10-docker-default.ini ([chttpd] bind_address = any), vm.args and
# docker-entrypoint.sh under tini, ports 5984 4369 9100. The official image installs the couchdb .deb from
# apache.jfrog.io; the build context prepared by @fabric-testkit/images has the release instead (couchdb/), and the
# runtime packages minbase lacks (debs/: libicuNN and tini, fetched with apt-get download from the same suite).
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
ARG COUCHDB_VERSION

RUN groupadd -g 5984 -r couchdb && useradd -u 5984 -d /opt/couchdb -g couchdb couchdb

COPY debs/ /tmp/debs/
RUN dpkg -i /tmp/debs/*.deb && rm -rf /tmp/debs && tini --version

ENV COUCHDB_VERSION=${COUCHDB_VERSION}
COPY --chown=5984:5984 couchdb/ /opt/couchdb/

# Every shared library of the release must resolve here: the Erlang runtime, the QuickJS query server
# (couch_quickjs's couchjs_mainjs, which stands in for SpiderMonkey's bin/couchjs) and each NIF.
RUN set -e; missing=''; \
    for f in $(find /opt/couchdb -type f \( -name '*.so' -o -perm -u+x \)); do \
      if ldd "$f" >/dev/null 2>&1 && ldd "$f" | grep -q 'not found'; then \
        missing="$missing\n$f:\n$(ldd "$f" | grep 'not found')"; \
      fi; \
    done; \
    if [ -n "$missing" ]; then printf 'shared libraries not found:%b\n' "$missing" >&2; exit 1; fi; \
    ldd /opt/couchdb/erts-*/bin/beam.smp >/dev/null && ldd /opt/couchdb/lib/couch_quickjs-*/priv/couchjs_mainjs >/dev/null

# As the official Dockerfile: data and log directories, no file log, ownership, config permissions.
RUN set -eux; \
    mkdir -p /opt/couchdb/data /opt/couchdb/var/log /opt/couchdb/etc/local.d; \
    chown couchdb:couchdb /opt/couchdb/data /opt/couchdb/var/log; \
    chmod 777 /opt/couchdb/data /opt/couchdb/var/log; \
    rm -f /opt/couchdb/etc/default.d/10-filelog.ini; \
    find /opt/couchdb \! \( -user couchdb -group couchdb \) -exec chown -f couchdb:couchdb '{}' +; \
    find /opt/couchdb/etc -type d ! -perm 0755 -exec chmod -f 0755 '{}' +; \
    find /opt/couchdb/etc -type f ! -perm 0644 -exec chmod -f 0644 '{}' +; \
    chmod -f 0777 /opt/couchdb/etc/local.d

COPY --chown=couchdb:couchdb 10-docker-default.ini /opt/couchdb/etc/default.d/
COPY --chown=couchdb:couchdb vm.args /opt/couchdb/etc/

COPY docker-entrypoint.sh /usr/local/bin
RUN chmod 755 /usr/local/bin/docker-entrypoint.sh && ln -s usr/local/bin/docker-entrypoint.sh /docker-entrypoint.sh
ENTRYPOINT ["tini", "--", "/docker-entrypoint.sh"]

VOLUME /opt/couchdb/data

# 5984: Main CouchDB endpoint
# 4369: Erlang portmap daemon (epmd)
# 9100: CouchDB cluster communication port
EXPOSE 5984 4369 9100
CMD ["/opt/couchdb/bin/couchdb"]
