using System.Reflection;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Results;
using AuthFlow.WebApi.Http;

namespace AuthFlow.WebApi.OpenApi;

/// <summary>
/// Every <c>code</c> a problem response can carry, read from the code itself: the errors of every catalogue class in
/// <c>AuthFlow.Application.Common.Errors</c> (static fields, properties and factory methods returning an
/// <see cref="Error"/>), <c>validation_failed</c>, and what <see cref="ErrorCodes.ForStatus"/> gives any status.
/// A code added to a catalogue appears in the OpenAPI enum without another edit.
/// </summary>
internal static class ErrorCatalogue
{
    public static IReadOnlyList<string> Codes { get; } = Collect();

    private static List<string> Collect()
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal) { ErrorCodes.ValidationFailed };
        var catalogues = typeof(AuthErrors).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: true, IsSealed: true } && t.Namespace == typeof(AuthErrors).Namespace);
        foreach (var catalogue in catalogues)
        {
            const BindingFlags statics = BindingFlags.Public | BindingFlags.Static;
            foreach (var field in catalogue.GetFields(statics).Where(f => f.FieldType == typeof(Error)))
            {
                codes.Add(((Error)field.GetValue(null)!).Code);
            }

            foreach (var property in catalogue.GetProperties(statics).Where(p => p.PropertyType == typeof(Error)))
            {
                codes.Add(((Error)property.GetValue(null)!).Code);
            }

            // Factories such as LoginThrottled(retryAfter): the code does not depend on the arguments.
            foreach (var method in catalogue.GetMethods(statics).Where(m => m.ReturnType == typeof(Error) && !m.IsSpecialName && !m.IsGenericMethod))
            {
                var arguments = method.GetParameters().Select(p => p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null).ToArray();
                codes.Add(((Error)method.Invoke(null, arguments)!).Code);
            }
        }

        for (var status = 400; status < 600; status++)
        {
            codes.Add(ErrorCodes.ForStatus(status));
        }

        return [.. codes];
    }
}
