using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AuthFlow.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the WebApi.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AuthFlowDbContext>
{
    public AuthFlowDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__AuthFlow")
            ?? "Host=127.0.0.1;Database=authflow_design";
        var options = new DbContextOptionsBuilder<AuthFlowDbContext>();
        DependencyInjection.ConfigureDbContext(options, connectionString);
        return new AuthFlowDbContext(options.Options);
    }
}
