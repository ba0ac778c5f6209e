using System.Text.Json;

namespace AuthFlow.Application.Common.Validation;

public static class FieldNames
{
    /// <summary>A property path as clients spell it in JSON: <c>User.Email</c> becomes <c>user.email</c>.</summary>
    public static string ToJson(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
