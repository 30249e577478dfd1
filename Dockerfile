# Toki.Server image. The runtime base, mcr.microsoft.com/dotnet/aspnet:10.0, is Ubuntu 24.04 "noble" (.NET 10 ships no
# Debian images), where the libmongoc runtime package is libmongoc-1.0-0t64 (1.26, same soname libmongoc-1.0.so.0 as
# Debian's libmongoc-1.0-0; the binding needs 1.23 or a later 1.x).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore from the project files alone, so that the package layer is reused while only sources change.
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY Toki.EngineIO/Toki.EngineIO.csproj Toki.EngineIO/
COPY Toki.SocketIO/Toki.SocketIO.csproj Toki.SocketIO/
COPY Toki.Calls/Toki.Calls.csproj Toki.Calls/
COPY Toki.Server/Toki.Server.csproj Toki.Server/
RUN dotnet restore Toki.Server/Toki.Server.csproj
COPY Toki.EngineIO/ Toki.EngineIO/
COPY Toki.SocketIO/ Toki.SocketIO/
COPY Toki.Calls/ Toki.Calls/
COPY Toki.Server/ Toki.Server/
RUN dotnet publish Toki.Server/Toki.Server.csproj --configuration Release --no-restore --output /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl only serves the HEALTHCHECK below; the aspnet image has none.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends libmongoc-1.0-0t64 curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# Without Storage__MongoDB__Uri the server falls back to SQLite in /app/data, which the non-root user must own.
RUN mkdir /app/data && chown "$APP_UID" /app/data
# URLS replaces the image's HTTP_PORTS default; clearing it avoids Kestrel's warning that one overrides the other.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS=
# APP_UID is the unprivileged "app" user that the .NET images create.
USER $APP_UID
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
    CMD curl --fail --silent --show-error http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "Toki.Server.dll"]
