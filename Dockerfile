# syntax=docker/dockerfile:1
# AuthFlow API image. Build: docker build -t authflow-api .   (docker-compose.yml does this for you)
# Configuration comes from the environment at run time (ConnectionStrings__AuthFlow, Jwt__KeyEncryptionKey, ...);
# no secret is baked into the image.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
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

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
ENV ASPNETCORE_URLS=http://+:8080
COPY --from=build /app/publish .
# The .NET images define a non-root 'app' user; APP_UID is its numeric id.
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["dotnet", "AuthFlow.WebApi.dll"]
