# syntax=docker/dockerfile:1
# AuthFlow API image. Build: docker build -t authflow-api .   (docker-compose.yml does this for you)
# Configuration comes from the environment at run time (ConnectionStrings__AuthFlow, Jwt__KeyEncryptionKey, ...);
# no secret is baked into the image. 'migrate' runs the pending migrations and exits:
#   docker run --rm -e ConnectionStrings__AuthFlow=... authflow-api migrate

# Base images pinned to a release tag (bump with the SDK in global.json).
FROM mcr.microsoft.com/dotnet/sdk:10.0.100 AS build
ENV DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
WORKDIR /src

# Restore from the project files alone, so that this layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Domain/AuthFlow.Domain.csproj src/Domain/
COPY src/Application/AuthFlow.Application.csproj src/Application/
COPY src/Infrastructure/AuthFlow.Infrastructure.csproj src/Infrastructure/
COPY src/WebApi/AuthFlow.WebApi.csproj src/WebApi/
RUN dotnet restore src/WebApi/AuthFlow.WebApi.csproj

COPY src/ src/
RUN dotnet publish src/WebApi/AuthFlow.WebApi.csproj -c Release -o /app/publish --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0.0 AS runtime
WORKDIR /app
# The image's own variable: Kestrel listens on 8080 without overriding anything (no "Overriding address(es)" warning).
ENV ASPNETCORE_HTTP_PORTS=8080
COPY --from=build /app/publish .
# The .NET images define a non-root 'app' user; APP_UID is its numeric id.
USER $APP_UID
EXPOSE 8080
# The aspnet image has no curl or wget: the probe is a bash /dev/tcp request to the liveness endpoint.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "AuthFlow.WebApi.dll"]
