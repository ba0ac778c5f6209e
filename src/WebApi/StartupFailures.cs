using Microsoft.Extensions.Options;

namespace AuthFlow.WebApi;

internal static class StartupFailures
{
    /// <summary>The messages of every invalid setting in <paramref name="exception"/>; empty when it is something else.</summary>
    public static IReadOnlyList<string> Of(Exception exception) => exception switch
    {
        OptionsValidationException options => options.Failures.ToList(),
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Of).ToList(),
        _ => [],
    };
}
