# Toki.Server image: built with the .NET 10 SDK, run on Debian 12 ("bookworm"). .NET 10 publishes no Debian runtime
# images, so the app is published self-contained for linux-x64 and the runtime stage only needs the native libraries
# .NET itself calls (MongoDB is reached through the official driver, which is managed code).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore from the project files alone, so that the package layer is reused while only sources change.
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY Toki.EngineIO/Toki.EngineIO.csproj Toki.EngineIO/
COPY Toki.SocketIO/Toki.SocketIO.csproj Toki.SocketIO/
COPY Toki.SocketIO.Redis/Toki.SocketIO.Redis.csproj Toki.SocketIO.Redis/
COPY Toki.SocketIO.Admin/Toki.SocketIO.Admin.csproj Toki.SocketIO.Admin/
COPY Toki.Calls/Toki.Calls.csproj Toki.Calls/
COPY Toki.Server/Toki.Server.csproj Toki.Server/
RUN dotnet restore Toki.Server/Toki.Server.csproj --runtime linux-x64
COPY Toki.EngineIO/ Toki.EngineIO/
COPY Toki.SocketIO/ Toki.SocketIO/
COPY Toki.SocketIO.Redis/ Toki.SocketIO.Redis/
COPY Toki.SocketIO.Admin/ Toki.SocketIO.Admin/
COPY Toki.Calls/ Toki.Calls/
COPY Toki.Server/ Toki.Server/
# The sample frontend is not part of the image (examples/ is outside the build context).
RUN dotnet publish Toki.Server/Toki.Server.csproj --configuration Release --runtime linux-x64 --self-contained \
        --no-restore --output /app -p:SkipSampleWeb=true

FROM debian:12-slim AS runtime
# ca-certificates (pulls in OpenSSL, which .NET's cryptography and TLS to MongoDB use) and libstdc++6: the .NET
# runtime; curl: the HEALTHCHECK below.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends ca-certificates libstdc++6 curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin toki
WORKDIR /app
COPY --from=build /app ./
# Without Storage__MongoDB__Uri the server falls back to SQLite in /app/data, which the non-root user must own.
RUN mkdir /app/data && chown toki /app/data
# The call audit log goes to stdout as JSON lines, beside the rest of the log (docs/operations.md).
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Logging__CallAudit__Path= \
    DOTNET_RUNNING_IN_CONTAINER=true
USER toki
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
    CMD curl --fail --silent --show-error http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["/app/Toki.Server"]
