# syntax=docker/dockerfile:1
# Build with the official Swift image of our toolchain; run on a small Debian image as a non-root user.
# scripts/check-dockerfile replays this file without a Docker engine (its COPY lines, RUN lines and
# ENTRYPOINT), so keep each instruction on the forms it knows: COPY SRC... DST, RUN, ENV, ENTRYPOINT.

FROM swift:6.3.1-bookworm AS build
# scripts/build-embedded-handler reads the package graph with python3 and compiles and links with
# musl-gcc (musl-tools): the shipped atm-handler is Embedded Swift on musl. libpq-dev is for the
# PostgreSQL build (ATM_TRAITS=PostgreSQL, compose.yaml's postgres profile).
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 gcc musl-tools libpq-dev \
    && rm -rf /var/lib/apt/lists/*
# Empty: atm-stated keeps balances in memory or a journal, fully static. PostgreSQL: it can use a database
# too. scripts/build reads it from RUN's environment, where Docker puts every ARG.
ARG ATM_TRAITS=
WORKDIR /src
# Package.swift declares the test and benchmark targets too, so their sources must be there for it to resolve.
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
COPY bench/journal ./bench/journal
COPY bench/pg-bench ./bench/pg-bench
COPY embedded ./embedded
COPY scripts/build scripts/build-embedded-handler ./scripts/
# scripts/build prints the paths of the two static binaries it built, and writes their manual pages beside them.
RUN scripts/build > binaries && install -D -m 0755 -t out/bin $(cat binaries) \
    && install -D -m 0644 -t out/man/man8 .build/shipped/man/atm-stated.8 .build/shipped/man/atm-handler.8

FROM debian:bookworm-slim
# With ATM_TLS_CERT, ATM_TLS_KEY and ATM_TLS_CLIENT_CA set (docs/security.md), haproxy terminates TLS,
# checks client certificates and caps connections per address and in total, and systemd-socket-activate
# (package systemd; no systemd runs here) binds a private Unix socket where a pool of atm-handler
# processes waits, each serving one connection (scripts/serve, ATM_HANDLER_POOL).
# Without them (plain HTTP, ATM_ALLOW_PLAIN_HTTP=1) xinetd is the front, with the same kinds of caps.
# libpq5 is what the PostgreSQL build of atm-stated links (the default build links nothing).
RUN apt-get update \
    && apt-get install -y --no-install-recommends haproxy systemd xinetd libpq5 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --no-create-home --shell /usr/sbin/nologin atm \
    && install -d -o atm -g atm -m 0750 /var/lib/atm
COPY --from=build /src/out/bin/ /usr/local/bin/
COPY --from=build /src/out/man/ /usr/local/share/man/
COPY scripts/serve /usr/local/share/atm/scripts/
COPY systemd/atm-handler.xinetd systemd/atm-tls.haproxy /usr/local/share/atm/systemd/

# scripts/serve is the same entrypoint people run locally; here it finds the prebuilt binaries.
# On 0.0.0.0 it serves HTTPS with client certificates (mount them and set ATM_TLS_CERT, ATM_TLS_KEY and
# ATM_TLS_CLIENT_CA) and refuses to start with plain HTTP unless ATM_ALLOW_PLAIN_HTTP=1.
ENV ATM_BIN_DIR=/usr/local/bin HOST=0.0.0.0 PORT=8000
# atm-stated's journal lives in a volume, so balances outlive the container.
ENV ATM_STATED_JOURNAL=/var/lib/atm/journal
VOLUME /var/lib/atm
USER atm
EXPOSE 8000
# With TLS the check stops at the listener: it holds no client certificate, and haproxy lets none in without.
# /health/ready, not /health: one READY round trip that names no account (docs/http-api.md, Probes), and a 503
# when the journal refuses changes, where /health would list the whole bank every 30 s and still say ok.
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
    CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8000 && { [ -n "${ATM_TLS_CERT:-}" ] \
        || { printf "GET /health/ready HTTP/1.1\r\nHost: localhost\r\n\r\n" >&3 && head -c 15 <&3 | grep -q "HTTP/1.1 200"; }; }'
ENTRYPOINT ["/usr/local/share/atm/scripts/serve"]
