using AuthFlow.Application.Account.Common;
using AuthFlow.Application.Auth.Common;
using AuthFlow.Application.Common.Models;
using AuthFlow.Application.Mfa.Common;
using FluentValidation;
using MapsterMapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AuthFlow.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Validators, mapping and the clock. The mediator itself is generated in the host project
    /// (see WebApi's <c>AddWebApi</c>), which lists the pipeline behaviours in order.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: false);
        services.AddSingleton(MappingConfig.Create());
        services.AddSingleton<IMapper>(sp => new Mapper(sp.GetRequiredService<Mapster.TypeAdapterConfig>()));
        services.AddScoped<OneTimeTokens>();
        services.AddScoped<SignIn>();
        services.AddScoped<AccountGuard>();
        services.AddScoped<SecondFactorCheck>();
        services.AddScoped<PasskeyCheck>();
        services.AddScoped<RecoveryCodeSet>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
