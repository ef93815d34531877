# syntax=docker/dockerfile:1
# Build with the official Swift image of our toolchain; run on a small Debian image as a non-root user.

FROM swift:6.3.1-bookworm AS build
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
RUN swift build -c release --static-swift-stdlib \
    && install -D -m 0755 .build/release/atm-handler /out/bin/atm-handler \
    && install -D -m 0755 .build/release/atm-stated /out/bin/atm-stated
COPY scripts/serve scripts/atm-socat /out/share/atm/scripts/

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends socat \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --no-create-home --shell /usr/sbin/nologin atm
COPY --from=build /out/bin/ /usr/local/bin/
COPY --from=build /out/share/atm/ /usr/local/share/atm/

# scripts/serve is the same entrypoint people run locally; here it finds the prebuilt binaries
# and, without systemd-socket-activate in the image, serves through socat.
ENV ATM_BIN_DIR=/usr/local/bin HOST=0.0.0.0 PORT=8000
USER atm
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
    CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8000 && printf "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n" >&3 \
        && head -c 15 <&3 | grep -q "HTTP/1.1 200"'
ENTRYPOINT ["/usr/local/share/atm/scripts/serve"]
