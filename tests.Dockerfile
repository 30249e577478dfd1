# The whole test suite in a container, against the compose stack's MongoDB replica set:
#
#   docker compose --profile test run --rm tests
#
# (docker-compose.yml's `tests` service; it exits with the suite's status). The image mirrors the CI machine: Debian 12
# with Node 20 for the Node-side test drivers, Debian's Chromium for the browser test, Debian's redis-server and
# haproxy for the cluster tier (each test starts its own, in the foreground), and the .NET 10 SDK.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS sdk

FROM node:20-bookworm
# The SDK is the portable linux-x64 build, so Microsoft's image's copy runs on Debian 12; libicu72 is its globalization.
COPY --from=sdk /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/local/bin/dotnet \
    && apt-get update \
    && apt-get install --yes --no-install-recommends chromium redis-server haproxy libicu72 \
    && rm -rf /var/lib/apt/lists/*
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 \
    DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
WORKDIR /src
COPY . .
# Restore, npm ci (Node drivers, sample frontend) and build once in the image; a run then only tests.
RUN dotnet build Toki.sln
CMD [".ci/run"]
