using AuthFlow.Domain.Users;
using Mapster;

namespace AuthFlow.Application.Common.Models;

public static class MappingConfig
{
    /// <summary>Every entity-to-DTO map in one place; compiled once at start-up.</summary>
    public static TypeAdapterConfig Create()
    {
        var config = new TypeAdapterConfig();
        config.NewConfig<User, UserDto>()
            .MapToConstructor(true);
        config.RequireExplicitMapping = true;
        config.Compile();
        return config;
    }
}
